/**
 * A full build of the bundled data: page counts, sections, glitches, links,
 * canonical order, determinism and front matter.
 */
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashContent } from '../scripts/lib/manifest.ts';
import { build, checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

let project: ReturnType<typeof tempProject>;
let files: Map<string, string>;
let locales: string[];
let codes: number[];
/** Locale folder → BCP 47 tag as written in HTML ("zh-hans" → "zh-Hans"). */
let tags: Map<string, string>;

beforeAll(() => {
  project = tempProject({ dataFrom: REPO });
  build(project, { strict: true });
  files = snapshotDir(project.outDir);
  const { data } = checkProject(project);
  locales = data!.locales.map((l) => l.id);
  tags = new Map(data!.locales.map((l) => [l.id, l.info.tag]));
  codes = data!.protocols.find((p) => p.id === 'sip')!.codes.map((c) => c.code);
});
afterAll(() => project.cleanup());

const GRAMMATICAL_REPEATS = new Set(['die', 'der', 'das', 'den', 'dem', 'des', 'sie', 'nous', 'vous']);

const pagesOf = (format: string, ext: string) => [...files.keys()].filter((p) => p.startsWith(`${format}/`) && p.endsWith(ext));

describe('full build of the bundled data', () => {
  it('builds n(n-1)/2 pages per locale in every format', () => {
    expect(codes.length).toBeGreaterThanOrEqual(15);
    const perLocale = (codes.length * (codes.length - 1)) / 2;
    for (const locale of locales) {
      expect(pagesOf(`md/${locale}`, '.md')).toHaveLength(perLocale);
      expect(pagesOf(`html/${locale}`, '/index.html')).toHaveLength(perLocale);
      expect(pagesOf(`json/${locale}`, '.json')).toHaveLength(perLocale);
    }
  });

  it('covers all six SIP classes and the codes the core issue names', () => {
    for (const c of [100, 180, 183, 200, 302, 401, 403, 404, 407, 408, 486, 487, 500, 503, 603]) expect(codes).toContain(c);
    expect(new Set(codes.map((c) => Math.floor(c / 100)))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('never writes a reversed-order page', () => {
    for (const path of files.keys()) {
      const m = /\/(\d+)-[a-z0-9-]*?-vs-(\d+)-/.exec(path);
      if (m) expect(Number(m[1])).toBeLessThan(Number(m[2]));
    }
  });

  it('has every section on every page', () => {
    const en = ['## What it means', '## When you see it', '## How to fix it', '## Key differences', '### The decisive difference', '## When to use which', '## Related comparisons', '## References'];
    const fr = ['## Signification', '## Principales différences', '### La différence décisive', '## Laquelle utiliser, et quand', '## Comparaisons associées', '## Références'];
    for (const path of pagesOf('md/en', '.md')) for (const h of en) expect(files.get(path), `${path}: ${h}`).toContain(h);
    for (const path of pagesOf('md/fr', '.md')) for (const h of fr) expect(files.get(path), `${path}: ${h}`).toContain(h);
    for (const path of pagesOf('html', '.html')) {
      for (const id of ['id="key-differences"', 'id="when-to-use"', 'id="related"', 'id="references"']) expect(files.get(path), path).toContain(id);
    }
  });

  it('contains no template glitches anywhere', () => {
    // ("null" is a word in German prose; in JSON it is checked as a value below.)
    const glitch = /\bundefined\b|\bNaN\b|\[object Object\]|\{\{|\}\}|\{[a-zA-Z]+\}/;
    for (const [path, content] of files) {
      if (path.endsWith('.json')) continue;
      expect(glitch.exec(content)?.[0], path).toBeUndefined();
    }
    for (const path of pagesOf('json', '.json')) expect(files.get(path), path).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]|\{\{|: null\b/);
  });

  it('never repeats a word ("when when")', () => {
    for (const path of pagesOf('md', '.md')) {
      const body = matter(files.get(path)!).content.replace(/\([^)]*\)/g, '');
      // Case-sensitive, and grammatical repeats allowed: German "die die" (which the), "Sie sie"; French "nous nous".
      const repeats = [...body.matchAll(/(?<!\p{L})(\p{L}{2,})\s+\1(?!\p{L})/gu)].filter((m) => !GRAMMATICAL_REPEATS.has(m[1]!));
      expect(repeats[0]?.[0], path).toBeUndefined();
    }
  });

  it('resolves every internal link and alternate to a generated file', () => {
    const base = 'https://codecompare.dev';
    for (const path of pagesOf('md', '.md')) {
      const { data, content } = matter(files.get(path)!);
      for (const url of [data.canonical, ...Object.values(data.alternates as Record<string, string>)]) {
        expect(url.startsWith(`${base}/`), url).toBe(true);
        expect(files.has(`html${url.slice(base.length)}index.html`), `${path} → ${url}`).toBe(true);
      }
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      for (const [, href] of content.matchAll(/\]\(([^)<>]+\.md)\)/g)) expect(files.has(dir + href!), `${path} → ${href}`).toBe(true);
    }
    for (const path of pagesOf('html', '.html')) {
      const html = files.get(path)!;
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      for (const [, href] of html.matchAll(/href="(\.\.[^"]*)"/g)) {
        const target = new URL(href!, `file:///${dir}`).pathname.slice(1);
        expect(files.has(target.endsWith('/') ? `${target}index.html` : target), `${path} → ${href}`).toBe(true);
      }
      for (const [, url] of html.matchAll(/hreflang="[^"]+" href="([^"]+)"/g)) {
        expect(files.has(`html${url!.slice(base.length)}index.html`), `${path} → ${url}`).toBe(true);
      }
    }
  });

  it('writes front matter that parses back with the article fields', () => {
    for (const path of pagesOf('md', '.md')) {
      const { data } = matter(files.get(path)!);
      expect(Object.keys(data)).toEqual(['title', 'description', 'lang', 'protocol', 'codes', 'slug', 'translationKey', 'canonical', 'alternates', 'aliases']);
      expect(path.endsWith(`/${data.slug}.md`)).toBe(true);
      expect(data.translationKey).toBe(`sip-${data.codes[0]}-vs-${data.codes[1]}`);
      const locale = path.split('/')[1];
      expect(data.aliases[0]).toMatch(new RegExp(`^/${locale}/sip/${data.codes[1]}-.*-vs-${data.codes[0]}-`));
    }
  });

  it('never shows a Key differences row whose two values are the same', () => {
    let withoutRows = 0;
    const pages = pagesOf('json', '.json');
    for (const path of pages) {
      const view = JSON.parse(files.get(path)!);
      if (!view.differences.rows.length) withoutRows++;
      for (const row of view.differences.rows) expect(JSON.stringify(row.a), `${path}: ${row.label}`).not.toBe(JSON.stringify(row.b));
      expect(view.differences.decisive.length, path).toBeGreaterThan(20);
    }
    // Only codes defined together with identical facts (RFC 8224's 428/436/437) have no differing row.
    expect(withoutRows).toBeLessThan(pages.length / 100);
  });

  it('lists every reversed URL in redirects.json, pointing at a page that exists', () => {
    const redirects = JSON.parse(files.get('redirects.json')!) as Record<string, string>;
    expect(Object.keys(redirects)).toHaveLength(pagesOf('html', '.html').length);
    for (const [from, to] of Object.entries(redirects)) {
      expect(files.has(`html${from}index.html`)).toBe(false);
      expect(files.has(`html${to}index.html`)).toBe(true);
    }
  });

  it('records every written file in the manifest with its hash', () => {
    const manifest = JSON.parse(files.get('manifest.json')!) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual([...files.keys()].filter((p) => p !== 'manifest.json').sort());
  });

  it('writes complete HTML documents with language, canonical and alternates', () => {
    for (const path of pagesOf('html', '.html')) {
      const html = files.get(path)!;
      const lang = tags.get(path.split('/')[1]!);
      expect(html.startsWith('<!doctype html>\n<html lang="')).toBe(true);
      expect(html).toContain(`<html lang="${lang}" dir="ltr">`);
      expect(html).toMatch(/<meta name="description" content="[^"]+">/);
      expect(html).toContain('<link rel="canonical" href="https://codecompare.dev/');
      expect(html).toContain('hreflang="x-default"');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
    }
  });

  it('puts French non-breaking spaces before : ; ? ! in French pages', () => {
    for (const path of pagesOf('md/fr', '.md')) {
      const body = matter(files.get(path)!).content.replace(/\(<https?:[^>]*>\)|https?:\/\/\S+/g, '');
      expect(/ [:;?!]/.exec(body)?.[0], path).toBeUndefined();
    }
  });

  it('is deterministic: building again gives identical bytes', () => {
    // A second, narrower build (two locales, two formats) must reproduce those files byte for byte.
    const again = tempProject({ dataFrom: REPO });
    try {
      build(again, { locales: ['fr', 'ja'], formats: ['md', 'html'] });
      const second = snapshotDir(again.outDir);
      const compared = [...second.keys()].filter((k) => k.startsWith('md/') || k.startsWith('html/'));
      expect(compared.length).toBeGreaterThan(1000);
      for (const path of compared) expect(second.get(path), path).toBe(files.get(path));
    } finally {
      again.cleanup();
    }
  });

  it('records the true hash of every file in the manifest', () => {
    const manifest = JSON.parse(files.get('manifest.json')!) as { files: Record<string, { hash: string }> };
    for (const [path, entry] of Object.entries(manifest.files)) expect(hashContent(files.get(path)!), path).toBe(entry.hash);
  });
});
