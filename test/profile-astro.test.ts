/**
 * The astro profile: every entry of the content collection is valid against the zod
 * schema of the exported src/content.config.ts (imported as Astro would, with
 * `astro:content` standing in), ids are unique, and translations share a translationKey.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { exportProfile, HOOK_TIMEOUT, listFiles, log, seconds, type ProfileExport } from './profile-export.ts';

/**
 * zod checked 41,625 entries in 2.4 s, but the export of all 15 locales took 130 s with the
 * machine busy: `npm test` exports 4 locales, `npm run test:profiles` all of them.
 */
const MAX_LOCALES = 4;

let ex: ProfileExport;
let schema: z.ZodType;
let collection: { loader: { pattern: string; base: string } };
let entries: { path: string; data: Record<string, unknown> }[];

beforeAll(async () => {
  ex = exportProfile('astro', MAX_LOCALES);
  const config = await import(join(ex.project.outDir, 'src/content.config.ts'));
  schema = config.comparisonSchema;
  collection = config.collections.comparisons;
  const base = join(ex.project.outDir, 'src/content/comparisons');
  entries = listFiles(base).map((path) => ({ path, data: matter(readFileSync(join(base, path), 'utf8')).data }));
}, HOOK_TIMEOUT);
afterAll(() => ex?.project.cleanup());

describe('astro profile, checked against its content collection schema', () => {
  it('declares the collection where the entries are', () => {
    expect(collection.loader).toEqual({ pattern: '**/*.md', base: './src/content/comparisons' });
    expect(entries).toHaveLength(ex.locales.reduce((n, l) => n + ex.pagesPerLocale.get(l)!, 0));
  });

  it('validates every entry against the schema', () => {
    const started = performance.now();
    for (const { path, data } of entries) {
      const result = schema.safeParse(data);
      expect(result.success ? [] : result.error.issues, path).toEqual([]);
    }
    log(`astro: ${entries.length} entries validated with zod in ${seconds(started)}`);
  });

  it('has a schema that matches the front matter exactly (no field left out, none extra)', () => {
    const data = entries[0]!.data;
    expect(schema.safeParse({ ...data, summary: 'x' }).success).toBe(false);
    const { title: _title, ...withoutTitle } = data;
    expect(schema.safeParse(withoutTitle).success).toBe(false);
  });

  it('gives each entry a unique id (its slug) and links translations by translationKey', () => {
    const ids = new Set(entries.map((e) => e.data.slug));
    expect(ids.size).toBe(entries.length);
    for (const { path, data } of entries) expect(`${data.slug}.md`, path).toBe(path);
    const byKey = new Map<unknown, number>();
    for (const { data } of entries) byKey.set(data.translationKey, (byKey.get(data.translationKey) ?? 0) + 1);
    for (const [key, n] of byKey) expect(n, String(key)).toBe(ex.locales.length);
  });
});
