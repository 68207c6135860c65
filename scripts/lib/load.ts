/**
 * Stage 1 — load: read every data file under the data folder and parse it as YAML,
 * keeping positions. No checks beyond YAML syntax happen here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

export interface LoadedData {
  root: string;
  dataDir: string;
  site?: YamlFile;
  protocols: LoadedProtocol[];
  locales: LoadedLocale[];
}

export function loadData(root: string, dataDir: string, bag: DiagnosticBag): LoadedData {
  const read = (path: string): YamlFile | undefined => {
    const file = relative(root, path).split(sep).join('/');
    if (!existsSync(path)) return undefined;
    return parseYamlFile(file, readFileSync(path, 'utf8'), bag);
  };
  const required = (path: string, what: string): YamlFile | undefined => {
    const f = read(path);
    if (!f) bag.error(relative(root, path).split(sep).join('/'), START, 'FILE_MISSING', `${what} is missing`);
    return f;
  };
  const yamlFilesIn = (dir: string): Map<string, YamlFile> => {
    const out = new Map<string, YamlFile>();
    for (const name of listDir(dir).filter((n) => n.endsWith('.yaml'))) {
      out.set(name.slice(0, -'.yaml'.length), read(join(dir, name))!);
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
  return { root, dataDir, site, protocols: protocols.filter((p) => p.protocol), locales };
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function subdirs(dir: string): string[] {
  return listDir(dir).filter((n) => statSync(join(dir, n)).isDirectory());
}
