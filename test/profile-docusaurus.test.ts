/**
 * The docusaurus profile: the source locale in docs/, the others in
 * i18n/<locale>/docusaurus-plugin-content-docs/current/ with the same file names, and
 * every file's body parsed as MDX by @mdx-js/mdx (front matter is read by gray-matter,
 * as Docusaurus reads it apart), so no text can be taken for JSX or an expression.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile, createProcessor } from '@mdx-js/mdx';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile, HOOK_TIMEOUT, listFiles, log, seconds, type ProfileExport } from './profile-export.ts';

/**
 * @mdx-js/mdx parsed 3.6 ms a file on an idle machine and 8.5 ms busy (141 s for 16,650
 * files); with seven protocols a locale has about 4,300 files, so `npm test` parses every
 * file of 2 locales (English in docs/, Arabic in i18n/) and `npm run test:profiles` all of them.
 */
const MAX_LOCALES = 2;

let ex: ProfileExport;
let files: { path: string; locale: string; text: string }[];

beforeAll(() => {
  ex = exportProfile('docusaurus', MAX_LOCALES);
  const localeOf = new Map([...ex.tags].map(([id, tag]) => [tag, id]));
  files = listFiles(ex.project.outDir)
    .filter((p) => p.endsWith('.md'))
    .map((path) => {
      const m = /^(?:docs|i18n\/([^/]+)\/docusaurus-plugin-content-docs\/current)\//.exec(path);
      return { path, locale: m?.[1] ? localeOf.get(m[1])! : m ? ex.sourceLocale : '', text: readFileSync(join(ex.project.outDir, path), 'utf8') };
    });
}, HOOK_TIMEOUT);
afterAll(() => ex?.project.cleanup());

describe('docusaurus profile, parsed by @mdx-js/mdx', () => {
  it('lays out docs/ and i18n/<locale>/docusaurus-plugin-content-docs/current/ with the same file names', () => {
    for (const f of files) expect(f.locale, f.path).not.toBe('');
    for (const locale of ex.locales) {
      const mine = files.filter((f) => f.locale === locale).map((f) => f.path.replace(/^(?:docs|i18n\/[^/]+\/docusaurus-plugin-content-docs\/current)\//, ''));
      expect(mine, locale).toHaveLength(ex.pagesPerLocale.get(locale)!);
      expect(new Set(mine)).toEqual(new Set([...ex.slugs.get(locale)!].map((s) => `${s}.md`)));
    }
    const i18n = JSON.parse(readFileSync(join(ex.project.outDir, 'docusaurus.i18n.json'), 'utf8'));
    expect(i18n.defaultLocale).toBe(ex.tags.get(ex.sourceLocale));
    expect(i18n.locales).toEqual(ex.allLocales.map((l) => ex.tags.get(l)));
  });

  it('parses every file as MDX, and its related links name files that exist', async () => {
    const processor = createProcessor({ format: 'mdx' });
    const started = performance.now();
    for (const [i, f] of files.entries()) {
      const { data, content } = matter(f.text);
      expect(data.id, f.path).toBe(f.path.replace(/^.*\/([^/]+)\.md$/, '$1'));
      try {
        processor.parse(content);
        // A sample also goes through the whole compiler (to JavaScript), as Docusaurus does.
        if (i % 100 === 0) await compile(content);
      } catch (e) {
        throw new Error(`${f.path}: ${(e as Error).message}`);
      }
      for (const m of content.matchAll(/\]\(\.\/([^)]+\.md)\)/g)) expect(existsSync(join(ex.project.outDir, dirname(f.path), m[1]!)), `${f.path} → ${m[1]}`).toBe(true);
    }
    log(`docusaurus: ${files.length} files parsed as MDX in ${seconds(started)}`);
  }, HOOK_TIMEOUT * 2); // every locale: 64,305 files took 592 s
});
