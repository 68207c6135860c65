/**
 * The build manifest (out/manifest.json): every file the generator owns, with the
 * SHA-256 of its content. It decides what is unchanged and what is stale; files
 * it does not list are never touched.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_NAME = 'manifest.json';

export interface Manifest {
  generator: 'codecompare';
  version: 1;
  /** Relative path → sha256 hex, sorted by path. */
  files: Record<string, string>;
}

export function hashContent(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The previous manifest, or an empty one when there is none or it is unreadable. */
export function readManifest(outDir: string): Manifest {
  const path = join(outDir, MANIFEST_NAME);
  const empty: Manifest = { generator: 'codecompare', version: 1, files: {} };
  if (!existsSync(path)) return empty;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.generator === 'codecompare' && m.version === 1 && m.files && typeof m.files === 'object' ? m : empty;
  } catch {
    return empty;
  }
}

export function serializeManifest(files: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const m: Manifest = { generator: 'codecompare', version: 1, files: sorted };
  return `${JSON.stringify(m, null, 2)}\n`;
}
