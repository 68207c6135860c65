/**
 * The build manifest (out/manifest.json): every file the generator owns, with the
 * SHA-256 of its content and of its inputs. It decides what is unchanged (same input:
 * not even rendered again) and what is stale; files it does not list are never touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hash.ts';
import type { ShardInfo } from './shard.ts';

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
  /** Only in a shard's output folder (`--shard i/n`): which part of which plan it holds (shard.ts). */
  shard?: ShardInfo;
}

export function hashContent(content: string | Uint8Array): string {
  return sha256(content);
}

/** The previous manifest's entries; none when there is no manifest or it is unreadable or of another version. */
export function readManifest(outDir: string): Record<string, ManifestEntry> {
  return readWholeManifest(outDir)?.files ?? {};
}

/** The manifest of an output folder, or undefined when there is none or it is unreadable or of another version. */
export function readWholeManifest(outDir: string): Manifest | undefined {
  const path = join(outDir, MANIFEST_NAME);
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.generator === 'codecompare' && m.version === 2 && m.files && typeof m.files === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

export function serializeManifest(files: Record<string, ManifestEntry>, shard?: ShardInfo): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const m: Manifest = { generator: 'codecompare', version: 2, files: sorted, ...(shard && { shard }) };
  return `${JSON.stringify(m, null, 2)}\n`;
}
