/**
 * The eleventy profile, built by Eleventy (@11ty/eleventy): every page lands at the
 * permalink its locale's directory data file gives, with its locale, and every link
 * (related comparisons, translations) points at a page that was built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './project.ts';
import { exportProfile, HOOK_TIMEOUT, listFiles, log, runTool, type ProfileExport } from './profile-export.ts';

/**
 * Eleventy took 34 s for 6 locales × 2,775 pages on an idle machine (2 ms a page) and 41 s
 * busy; with seven protocols a locale has about 4,300 pages, so `npm test` builds every page
 * of 3 locales and `npm run test:profiles` all of them.
 */
const MAX_LOCALES = 3;

let ex: ProfileExport;
let site: string;
let pages: string[];

beforeAll(() => {
  ex = exportProfile('eleventy', MAX_LOCALES);
  site = join(ex.project.root, '_site');
  const cli = join(REPO, 'node_modules/@11ty/eleventy/cmd.cjs');
  // Run inside the export (Eleventy reads .gitignore and .eleventyignore from its working folder).
  // Node's default 4 GB heap is not enough for Eleventy on every locale (64,305 pages ran out of memory).
  const out = runTool('eleventy', process.execPath, ['--max-old-space-size=12288', cli, '--input=.', `--output=${site}`], ex.project.outDir);
  log(`eleventy: ${out.trim().split('\n').pop()}`);
  pages = listFiles(site).filter((p) => p.endsWith('/index.html'));
}, HOOK_TIMEOUT);
afterAll(() => ex?.project.cleanup());

describe('eleventy profile, built by Eleventy', () => {
  it('builds every page at /<locale>/<protocol>/<slug>/, the permalink of its directory data file', () => {
    expect(pages).toHaveLength(ex.locales.reduce((n, l) => n + ex.pagesPerLocale.get(l)!, 0));
    for (const locale of ex.locales) {
      const data = JSON.parse(readFileSync(join(ex.project.outDir, locale, `${locale}.11tydata.json`), 'utf8'));
      expect(data).toMatchObject({ locale, lang: ex.tags.get(locale), templateEngineOverride: 'md' });
      for (const page of ex.slugs.get(locale)!) expect(existsSync(join(site, locale, page, 'index.html')), `${locale}/${page}`).toBe(true);
    }
  });

  it('gives each page its locale, title and translations, and every link resolves to a built page', () => {
    const built = new Set(pages.map((p) => `/${p.slice(0, -'index.html'.length)}`));
    for (const page of pages) {
      const [locale] = page.split('/') as [string];
      const url = `/${page.slice(0, -'index.html'.length)}`;
      const html = readFileSync(join(site, page), 'utf8');
      expect(html, page).toContain(`<html lang="${ex.tags.get(locale)}" dir="${ex.dirs.get(locale)}">`);
      expect(html, page).toMatch(/<title>[^<]+<\/title>/);
      expect(html, page).not.toMatch(/\{\{|\{%/);
      const translations = [...html.matchAll(/<a class="translation" hreflang="[^"]+" href="([^"]+)">/g)].map((m) => m[1]!);
      expect(translations, page).toHaveLength(ex.allLocales.length - 1);
      // Translations into the locales this build covers are pages it built (the others are in the export's front matter, built elsewhere).
      const covered = translations.filter((href) => ex.locales.includes(href.split('/')[1]!));
      expect(covered, page).toHaveLength(ex.locales.length - 1);
      const related = [...html.matchAll(/<a href="(\.\.\/[^"]+)">/g)].map((m) => new URL(m[1]!, `https://x${url}`).pathname);
      expect(related.length, page).toBeGreaterThan(0);
      for (const href of [...covered, ...related]) expect(built.has(href), `${page} → ${href}`).toBe(true);
    }
  });
});
