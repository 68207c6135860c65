/**
 * The hugo profile, built by Hugo itself (Debian's package; .ci/run installs it): every
 * page is built in every language, each lists its translations (.Translations, linked
 * by translationKey) and each alias (the reverse-order URL) is a redirect page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile, HOOK_TIMEOUT, listFiles, log, runTool, type ProfileExport } from './profile-export.ts';

/**
 * Hugo took 44 s for 8 locales × 2,775 SIP pages (plus as many alias pages) and 137 s for all
 * 15 locales with the machine busy, at up to 9.5 GB of memory; with seven protocols a locale
 * has about 4,300 pages, so `npm test` builds every page of 3 locales (English, Arabic,
 * Japanese) and `npm run test:profiles` all of them.
 */
const MAX_LOCALES = 3;

let ex: ProfileExport;
let site: string;
let content: { path: string; locale: string; protocol: string; slug: string; data: { aliases: string[]; translationKey: string; title: string } }[];

beforeAll(() => {
  const version = (() => {
    try {
      return execFileSync('hugo', ['version'], { encoding: 'utf8' });
    } catch {
      throw new Error('Hugo is not installed: run apt-get install -y hugo (.ci/run does)');
    }
  })();
  log(version.trim());
  ex = exportProfile('hugo', MAX_LOCALES);
  site = join(ex.project.root, 'public');
  runTool('hugo', 'hugo', ['--quiet', '--destination', site], ex.project.outDir);
  content = listFiles(join(ex.project.outDir, 'content')).map((path) => {
    const [locale, protocol, file] = path.split('/') as [string, string, string];
    return { path, locale, protocol, slug: file.replace(/\.md$/, ''), data: matter(readFileSync(join(ex.project.outDir, 'content', path), 'utf8')).data as never };
  });
  log(`hugo: ${content.length} pages built`);
}, HOOK_TIMEOUT);
afterAll(() => ex?.project.cleanup());

describe('hugo profile, built by Hugo', () => {
  it('exports every page of the locales it builds, with hugo.toml listing the languages', () => {
    for (const locale of ex.locales) expect(content.filter((c) => c.locale === locale), locale).toHaveLength(ex.pagesPerLocale.get(locale)!);
    const config = readFileSync(join(ex.project.outDir, 'hugo.toml'), 'utf8');
    for (const locale of ex.allLocales) expect(config).toContain(`[languages.${locale}]`);
  });

  it('builds every page as HTML at /<locale>/<protocol>/<slug>/', () => {
    for (const c of content) {
      const html = join(site, c.locale, c.protocol, c.slug, 'index.html');
      expect(existsSync(html), html).toBe(true);
    }
  });

  it('links each page to its translations through translationKey', () => {
    const byKey = new Map<string, typeof content>();
    for (const c of content) byKey.set(c.data.translationKey, [...(byKey.get(c.data.translationKey) ?? []), c]);
    for (const c of content) {
      const html = readFileSync(join(site, c.locale, c.protocol, c.slug, 'index.html'), 'utf8');
      const links = [...html.matchAll(/<a class="translation" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]}`).sort();
      const expected = byKey.get(c.data.translationKey)!.filter((o) => o !== c).map((o) => `${ex.tags.get(o.locale)} /${o.locale}/${o.protocol}/${o.slug}/`).sort();
      expect(links, c.path).toEqual(expected);
      expect(expected).toHaveLength(ex.locales.length - 1);
      expect(html).toContain(`<title>${escapeHtml(c.data.title)}</title>`);
    }
  });

  it('turns each alias (the reverse-order URL) into a redirect to the page', () => {
    for (const c of content) {
      expect(c.data.aliases, c.path).toHaveLength(1);
      const redirect = join(site, c.data.aliases[0]!, 'index.html');
      expect(readFileSync(redirect, 'utf8'), redirect).toContain(`<meta http-equiv="refresh" content="0; url=https://codecompare.dev/${c.locale}/${c.protocol}/${c.slug}/">`);
    }
  });

  it('resolves every related-comparison link', () => {
    for (const c of content.filter((_, i) => i % 7 === 0)) {
      const html = readFileSync(join(site, c.locale, c.protocol, c.slug, 'index.html'), 'utf8');
      const related = [...html.matchAll(/<a href="\.\.\/([^"/]+)\/">/g)].map((m) => m[1]!);
      expect(related.length, c.path).toBeGreaterThan(0);
      for (const slug of related) expect(existsSync(join(site, c.locale, c.protocol, slug, 'index.html')), `${c.path} → ${slug}`).toBe(true);
    }
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}
