/**
 * The build manifest (out/manifest.json): every file the generator owns, with the
 * SHA-256 of its content and of its inputs. It decides what is unchanged (same input:
 * not even rendered again) and what is stale; files it does not list are never touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hash.ts';

export const MANIFEST_NAME = 'manifest.json';

export interface ManifestEntry {
  /** SHA-256 of the file's content. */
  hash: string;
  /** Hash of what the content was made from (see plan.ts). */
  input: string;
}

export interface Manifest {
  generator: 'codecompare';
  version: 2;
  /** Relative path → entry, sorted by path. */
  files: Record<string, ManifestEntry>;
}

export function hashContent(content: string): string {
  return sha256(content);
}

/** The previous manifest's entries; none when there is no manifest or it is unreadable or of another version. */
export function readManifest(outDir: string): Record<string, ManifestEntry> {
  const path = join(outDir, MANIFEST_NAME);
  if (!existsSync(path)) return {};
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.generator === 'codecompare' && m.version === 2 && m.files && typeof m.files === 'object' ? m.files : {};
  } catch {
    return {};
  }
}

export function serializeManifest(files: Record<string, ManifestEntry>): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const m: Manifest = { generator: 'codecompare', version: 2, files: sorted };
  return `${JSON.stringify(m, null, 2)}\n`;
}
