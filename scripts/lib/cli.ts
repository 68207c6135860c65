/**
 * What the three commands share: argument parsing, printing diagnostics and the
 * mapping from failures to exit codes (README "Exit codes").
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataError, EXIT, formatDiagnostic, UsageError, type Diagnostic } from './diagnostics.ts';
import { outputFormat, type OutputFormat } from './schema.ts';
import { OutputError } from './writer.ts';

export { UsageError };

export const COMMON_OPTIONS = {
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parseCli<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: false, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(usage);
      process.exit(EXIT.ok);
    }
    return parsed.values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Like parseCli, for commands that also take positional arguments. */
export function parseCliPositionals<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(usage);
      process.exit(EXIT.ok);
    }
    return parsed;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** "fr,de" or repeated flags → ["fr", "de"]; undefined when not given. */
export function listOption(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? [...new Set(items)] : undefined;
}

export function parseFormats(value: string | string[] | undefined): OutputFormat[] | undefined {
  const items = listOption(value);
  if (!items) return undefined;
  for (const f of items) {
    if (!outputFormat.safeParse(f).success) throw new UsageError(`unknown format "${f}"; use md, html or json`);
  }
  return items as OutputFormat[];
}

/** --workers N: a whole number from 1 to 64. */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 64) throw new UsageError(`--workers ${value}: use a whole number from 1 to 64`);
  return n;
}

/** The output folder may not be, or be inside, the data or templates folders, nor be a file. */
export function checkOutDir(root: string, outDir: string): void {
  const out = resolve(outDir);
  for (const guarded of ['data', 'templates', 'profiles', 'scripts', 'test']) {
    const g = resolve(root, guarded);
    if (out === g || out.startsWith(g + sep)) throw new UsageError(`--out ${outDir} is inside ${guarded}/; choose a folder of its own`);
  }
  if (out === resolve(root)) throw new UsageError('--out must not be the project folder itself');
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
}

export function printDiagnostics(items: Diagnostic[]): void {
  for (const d of items) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** Runs a command body and turns its failures into the documented exit codes. */
export async function runCommand(name: string, body: () => number | void | Promise<number | void>): Promise<void> {
  let code: number = EXIT.ok;
  try {
    code = (await body()) ?? EXIT.ok;
  } catch (e) {
    if (e instanceof DataError) {
      printDiagnostics(e.diagnostics);
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(`${name}: ${n} error${n === 1 ? '' : 's'}; nothing was written\n`);
      code = EXIT.dataError;
    } else if (e instanceof UsageError) {
      process.stderr.write(`${name}: ${e.message}\nRun with --help for usage.\n`);
      code = EXIT.usage;
    } else if (e instanceof OutputError || isIoError(e)) {
      process.stderr.write(`${name}: ${(e as Error).message}\n`);
      code = EXIT.io;
    } else {
      throw e;
    }
  }
  process.exitCode = code;
}

function isIoError(e: unknown): boolean {
  return typeof (e as NodeJS.ErrnoException)?.code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** Writes a file the user named, creating its folder. */
export function writeUserFile(path: string, content: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, content);
}

/** A one-line progress indicator on a terminal; silent otherwise. */
export function progress(enabled: boolean) {
  const on = enabled && process.stderr.isTTY === true;
  let last = 0;
  return {
    update(label: string, done: number, total: number): void {
      if (!on) return;
      const now = Date.now();
      if (done !== total && now - last < 80) return;
      last = now;
      process.stderr.write(`\r${label} ${done}/${total}\u001b[K`);
    },
    clear(): void {
      if (on) process.stderr.write('\r\u001b[K');
    },
  };
}

export function rel(root: string, path: string): string {
  return relative(root, path) || '.';
}
