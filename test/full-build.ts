/**
 * The shared full build of the bundled data (every locale and format, --strict): built into
 * the folder test/global-setup.ts provides, by a child process it starts for a whole run, or
 * else on first use by whichever test worker asks first (the others wait for it), then read lazily: file paths are listed once, contents
 * are read when asked, so that no test holds the whole site in memory.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { build, checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, tempProject } from './project.ts';

export interface FullBuild {
  outDir: string;
  /** Every output path, relative, sorted. */
  paths: string[];
  has(path: string): boolean;
  read(path: string): string;
  /** Paths under `prefix` ending in `suffix`. */
  list(prefix: string, suffix?: string): string[];
  check: ReturnType<typeof checkProject>;
}

let cached: FullBuild | undefined;

/**
 * Builds the bundled data into `dir` unless another process holds the lock (the folder
 * `building`); `npm test` starts it in a child process from test/global-setup.ts, so that
 * the test files that do not need it run beside it.
 */
export function buildShared(dir: string): void {
  const done = join(dir, 'done.json');
  const failed = join(dir, 'failed.txt');
  try {
    mkdirSync(join(dir, 'building'));
  } catch {
    return; // another process builds it
  }
  const p = tempProject({ dataFrom: REPO, root: join(dir, 'project') });
  const started = Date.now();
  let result: ReturnType<typeof build>;
  try {
    // One thread: the other test files run beside this build on the same cores.
    result = build(p, { strict: true, workers: 1 });
  } catch (e) {
    writeFileSync(failed, String(e instanceof Error ? e.message : e));
    throw e;
  }
  writeFileSync(done, JSON.stringify({ root: p.root, outDir: p.outDir }));
  process.stdout.write(`full build for the tests: ${result.pages} pages, ${result.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

export function fullBuild(): FullBuild {
  if (cached) return cached;
  const dir = inject('fullBuildDir');
  const done = join(dir, 'done.json');
  const failed = join(dir, 'failed.txt');
  if (!existsSync(done)) buildShared(dir);
  // Another process builds it: wait.
  const until = Date.now() + 900_000;
  while (!existsSync(done)) {
    if (existsSync(failed)) throw new Error(`the shared full build failed: ${readFileSync(failed, 'utf8')}`);
    if (Date.now() > until) throw new Error('waited fifteen minutes for the shared full build');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
  const { root, outDir } = JSON.parse(readFileSync(done, 'utf8')) as { root: string; outDir: string };
  const paths: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(d, entry.name), r);
      else paths.push(r);
    }
  };
  walk(outDir, '');
  const set = new Set(paths);
  cached = {
    outDir,
    paths,
    has: (p) => set.has(p),
    read: (p) => readFileSync(join(outDir, p), 'utf8'),
    list: (prefix, suffix = '') => paths.filter((p) => p.startsWith(prefix) && p.endsWith(suffix)),
    check: checkProject({ root, dataDir: join(root, 'data'), templatesDir: join(root, 'templates'), outDir, profilesDir: join(root, 'profiles') }),
  };
  return cached;
}
