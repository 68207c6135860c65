/**
 * The input fingerprint of a build: one hash of every file it reads (data, templates, the
 * export profile's folder), of the generator's own code and of the options that shape its
 * output. A build without warnings records it beside the manifest (writer.ts
 * `FINGERPRINT_NAME`), so that a rebuild with nothing changed is recognised before the
 * project is even loaded (README "How files are written"). Any edit — a comment in a YAML file, a new file, a changed option — gives
 * another fingerprint, and the build then decides file by file from its input hashes.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The generator's code (this folder): a new version of it must build again, whatever its version says. */
const CODE_DIR = import.meta.dirname;

export interface FingerprintInputs {
  dataDir: string;
  templatesDir: string;
  /** The export profile's folder, when the build is one. */
  profileDir?: string;
  /** Everything else that shapes the output: the build's options (JSON). */
  options: unknown;
}

export function inputFingerprint(inputs: FingerprintInputs): string {
  const hash = createHash('sha256');
  hash.update(`options\n${JSON.stringify(inputs.options)}\n`);
  const dirs: [string, string | undefined][] = [
    ['data', inputs.dataDir],
    ['templates', inputs.templatesDir],
    ['profile', inputs.profileDir],
    ['code', CODE_DIR],
  ];
  for (const [label, dir] of dirs) if (dir) addTree(hash, label, dir);
  return hash.digest('hex');
}

/** Every file of a folder, in a fixed order, by relative path and bytes. */
function addTree(hash: Hash, label: string, dir: string): void {
  hash.update(`${label}\n`);
  if (!existsSync(dir)) return;
  const walk = (d: string, rel: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(d, entry.name);
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path, name);
      else if (entry.isFile()) {
        const bytes = readFileSync(path);
        hash.update(`${name}\n${bytes.length}\n`);
        hash.update(bytes);
      }
    }
  };
  walk(dir, '');
}
