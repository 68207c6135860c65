/**
 * Stage 1 — load: read every data file under the data folder and parse it as YAML,
 * keeping positions. No checks beyond YAML syntax happen here.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { START, type DiagnosticBag } from './diagnostics.ts';
import { parseYamlFile, type YamlFile } from './yaml-file.ts';

export interface LoadedProtocol {
  id: string;
  protocol: YamlFile;
  /** The optional copy of the protocol's code registry. */
  registry?: YamlFile;
  /** Code files keyed by file name without extension ("401"). */
  codes: Map<string, YamlFile>;
}

export interface LoadedLocale {
  id: string;
  /** data/locales/<l>/locale.yaml */
  locale?: YamlFile;
  /** data/locales/<l>/ui.yaml */
  ui?: YamlFile;
  /** data/locales/<l>/glossary.yaml */
  glossary?: YamlFile;
  /** data/locales/<l>/translated-from.yaml */
  state?: YamlFile;
  /** Per protocol id: its texts file and its code text files keyed by file name without extension. */
  protocols: Map<string, { protocol?: YamlFile; codes: Map<string, YamlFile> }>;
}

/** A hand-written override, data/overrides/<protocol>/<name>: its text, parsed later (overrides.ts). */
export interface LoadedOverride {
  file: string;
  protocol: string;
  /** The file name, e.g. "401-vs-407.fr.md". */
  name: string;
  text: string;
}

export interface LoadedData {
  root: string;
  dataDir: string;
  site?: YamlFile;
  protocols: LoadedProtocol[];
  locales: LoadedLocale[];
  overrides: LoadedOverride[];
}

/** Data files larger than this are refused before they are read (the largest real one is a few kB). */
export const MAX_FILE_BYTES = 1024 * 1024;

export function loadData(root: string, dataDir: string, bag: DiagnosticBag): LoadedData {
  const realData = existsSync(dataDir) ? realpathSync(dataDir) : resolve(dataDir);
  const readText = (path: string): { file: string; text: string } | undefined => {
    const file = relative(root, path).split(sep).join('/');
    if (!existsSync(path) || !insideData(path, realData, file, bag)) return undefined;
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      bag.error(file, START, 'FILE_TOO_LARGE', `the file has ${size} bytes; data files are limited to ${MAX_FILE_BYTES}`);
      return undefined;
    }
    const text = decodeUtf8(readFileSync(path), file, bag);
    return text === undefined ? undefined : { file, text: text.replace(/^\uFEFF/, '') };
  };
  const read = (path: string): YamlFile | undefined => {
    const t = readText(path);
    return t && parseYamlFile(t.file, t.text, bag);
  };
  const subdirs = (dir: string): string[] => listDir(dir).filter((n) => statSync(join(dir, n)).isDirectory() && insideData(join(dir, n), realData, relative(root, join(dir, n)), bag));
  const required = (path: string, what: string): YamlFile | undefined => {
    const f = read(path);
    if (!existsSync(path)) bag.error(relative(root, path).split(sep).join('/'), START, 'FILE_MISSING', `${what} is missing`);
    return f;
  };
  const yamlFilesIn = (dir: string): Map<string, YamlFile> => {
    const out = new Map<string, YamlFile>();
    for (const name of listDir(dir).filter((n) => n.endsWith('.yaml'))) {
      const f = read(join(dir, name));
      if (f) out.set(name.slice(0, -'.yaml'.length), f);
    }
    return out;
  };

  const site = required(join(dataDir, 'site.yaml'), 'the site settings file');
  const protocols = subdirs(join(dataDir, 'protocols')).map((id) => ({
    id,
    protocol: required(join(dataDir, 'protocols', id, 'protocol.yaml'), `protocol "${id}"'s protocol.yaml`)!,
    registry: read(join(dataDir, 'protocols', id, 'registry.yaml')),
    codes: yamlFilesIn(join(dataDir, 'protocols', id, 'codes')),
  }));
  const locales = subdirs(join(dataDir, 'locales')).map((id) => {
    const dir = join(dataDir, 'locales', id);
    const localeProtocols = new Map<string, { protocol?: YamlFile; codes: Map<string, YamlFile> }>();
    for (const pid of subdirs(join(dir, 'protocols'))) {
      localeProtocols.set(pid, {
        protocol: read(join(dir, 'protocols', pid, 'protocol.yaml')),
        codes: yamlFilesIn(join(dir, 'protocols', pid, 'codes')),
      });
    }
    return {
      id,
      locale: required(join(dir, 'locale.yaml'), `locale "${id}"'s locale.yaml`),
      ui: read(join(dir, 'ui.yaml')),
      glossary: read(join(dir, 'glossary.yaml')),
      state: read(join(dir, 'translated-from.yaml')),
      protocols: localeProtocols,
    };
  });
  const overrides: LoadedOverride[] = [];
  for (const protocol of subdirs(join(dataDir, 'overrides'))) {
    for (const name of listDir(join(dataDir, 'overrides', protocol)).filter((n) => n.endsWith('.md'))) {
      const t = readText(join(dataDir, 'overrides', protocol, name));
      if (t) overrides.push({ ...t, protocol, name });
    }
  }
  return { root, dataDir, site, protocols: protocols.filter((p) => p.protocol), locales, overrides };
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A symbolic link may point anywhere inside the data folder, never outside it. */
function insideData(path: string, realData: string, file: string, bag: DiagnosticBag): boolean {
  if (!lstatSync(path).isSymbolicLink()) return true;
  const target = realpathSync(path);
  if (target === realData || target.startsWith(realData + sep)) return true;
  bag.error(file.split(sep).join('/'), START, 'FILE_SYMLINK', `a symbolic link to ${target}, outside the data folder`);
  return false;
}

/** Strict UTF-8: invalid bytes are an error at their line and column, never replaced silently. */
function decodeUtf8(bytes: Buffer, file: string, bag: DiagnosticBag): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const lines = new TextDecoder().decode(bytes.subarray(0, bad)).split('\n');
    bag.error(file, { line: lines.length, col: lines[lines.length - 1]!.length + 1 }, 'FILE_ENCODING', 'the file is not valid UTF-8');
    return undefined;
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!n || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return i;
}
