/**
 * Read access to the shared full build (test/global-setup.ts): file paths are listed
 * once, contents are read when asked, so that no test holds the whole site in memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { checkProject, defaultPaths } from '../scripts/lib/pipeline.ts';

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

export function fullBuild(): FullBuild {
  if (cached) return cached;
  const { root, outDir } = inject('fullBuild');
  const paths: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), r);
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
    check: checkProject(defaultPaths(root)),
  };
  return cached;
}
