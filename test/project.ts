/**
 * Test helpers: throw-away copies of a project (the mini fixture or the real data)
 * in a temporary folder, and a snapshot of an output folder's bytes.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPaths, type ProjectPaths } from '../scripts/lib/pipeline.ts';
import { FINGERPRINT_NAME } from '../scripts/lib/writer.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MINI = join(REPO, 'test/fixtures/mini');

/**
 * A temporary project: `data/` from `dataFrom` (the mini fixture by default, or the
 * repository's real data), the repository's templates and export profiles, then
 * `overlay` copied on top.
 */
export function tempProject(options: { dataFrom?: string; overlay?: string; root?: string } = {}): ProjectPaths & { cleanup(): void } {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'codecompare-test-'));
  cpSync(join(options.dataFrom ?? MINI, 'data'), join(root, 'data'), { recursive: true });
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(join(REPO, 'profiles'), join(root, 'profiles'), { recursive: true });
  if (options.overlay) {
    for (const entry of readdirSync(options.overlay)) {
      if (entry === 'data' || entry === 'templates' || entry === 'profiles') cpSync(join(options.overlay, entry), join(root, entry), { recursive: true });
    }
  }
  return { ...defaultPaths(root), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file under `dir` → its content, sorted by path; but the build's fingerprint record, which names its inputs, not its output. */
export function snapshotDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== FINGERPRINT_NAME) out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
