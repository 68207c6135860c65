/**
 * The full build of the bundled data (test/global-setup.ts): page counts, sections,
 * glitches, links, canonical order, determinism and front matter. Each format is read
 * in one pass, file by file; failures are collected and compared with [] at the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkdownInline } from '../scripts/lib/escape.ts';
import { hashContent } from '../scripts/lib/manifest.ts';
import { FINGERPRINT_NAME } from '../scripts/lib/writer.ts';
import { build } from '../scripts/lib/pipeline.ts';
import { fullBuild, type FullBuild } from './full-build.ts';
import { REPO, tempProject } from './project.ts';

let site: FullBuild;
let locales: string[];
let codes: number[];
/** Comparisons each locale publishes: every pair of every protocol, by its pair policy. */
let perLocale: number;
/** Locale folder → BCP 47 tag and direction as written in HTML ("zh-hans" → "zh-Hans"). */
let tags: Map<string, { tag: string; dir: string }>;

beforeAll(() => {
  site = fullBuild();
  const data = site.check.data!;
  locales = data.locales.map((l) => l.id);
  tags = new Map(data.locales.map((l) => [l.id, { tag: l.info.tag, dir: l.info.dir }]));
  codes = data.protocols.find((p) => p.id === 'sip')!.codes.map((c) => c.code);
  perLocale = [...site.check.index!.pairs.values()].reduce((n, pairs) => n + pairs.length, 0);
});

// Repeats that are grammar, not glitches: German "die die" (which the), "Sie sie"; French "nous nous";
// Turkish "birer birer" (one by one), "karakter karakter" (character by character); Vietnamese reduplication ("chung chung" vague) and syllable words ("song song" parallel,
// "địa chỉ chỉ" address only, "thiết bị bị" the device is).
const GRAMMATICAL_REPEATS = new Set(['die', 'der', 'das', 'den', 'dem', 'des', 'sie', 'nous', 'vous', 'birer', 'karakter', 'song', 'chỉ', 'bị', 'chung']);
const BASE = 'https://codecompare.dev';
const GLITCH = /\bundefined\b|\bNaN\b|\[object Object\]|\{\{|\}\}|\{[a-zA-Z]+\}/;
const articles = (format: string, ext: string) => site.paths.filter((p) => p.startsWith(`${format}/`) && p.includes('-vs-') && p.endsWith(ext));

describe('full build of the bundled data', () => {
  it('builds every pair of every protocol in every locale and format (SIP: n(n-1)/2)', () => {
    expect(codes.length).toBeGreaterThanOrEqual(15);
    expect(site.check.index!.pairs.get('sip')).toHaveLength((codes.length * (codes.length - 1)) / 2);
    for (const locale of locales) {
      expect(articles(`md/${locale}`, '.md'), locale).toHaveLength(perLocale);
      expect(articles(`html/${locale}`, '/index.html'), locale).toHaveLength(perLocale);
      expect(articles(`json/${locale}`, '.json'), locale).toHaveLength(perLocale);
    }
  });

  it('covers all six SIP classes and the codes the core issue names', () => {
    for (const c of [100, 180, 183, 200, 302, 401, 403, 404, 407, 408, 486, 487, 500, 503, 603]) expect(codes).toContain(c);
    expect(new Set(codes.map((c) => Math.floor(c / 100)))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('never writes a reversed-order page', () => {
    const reversed = site.paths.filter((path) => {
      const m = /\/(\d+)-[a-z0-9-]*?-vs-(\d+)-/.exec(path);
      return m && Number(m[1]) >= Number(m[2]);
    });
    expect(reversed).toEqual([]);
  });

  it('Markdown: every section, no glitch, no repeated word, front matter and links that resolve, French spacing', () => {
    // Every section heading, as each page's protocol words it (French DNS pages say "Lequel utiliser").
    const headingKeys = ['### heading.whatItMeans', '### heading.whenYouSeeIt', '### heading.howToFix', '## heading.keyDifferences', '### heading.decisiveDifference', '## heading.whenToUse', '## heading.related', '## heading.references'];
    const headings = new Map<string, string[]>();
    const failures: string[] = [];
    for (const path of articles('md', '.md')) {
      const text = site.read(path);
      const [, locale, protocol] = path.split('/') as [string, string, string];
      if (!headings.has(`${locale}/${protocol}`)) {
        const m = site.check.data!.locales.find((l) => l.id === locale)!.messages;
        headings.set(`${locale}/${protocol}`, headingKeys.map((k) => `${k.split(' ')[0]} ${escapeMarkdownInline(m.formatFor(protocol, k.split(' ')[1]!))}\n`));
      }
      for (const h of headings.get(`${locale}/${protocol}`)!) if (!text.includes(h)) failures.push(`${path}: no ${h.trim()}`);
      const glitch = GLITCH.exec(text);
      if (glitch) failures.push(`${path}: ${glitch[0]}`);
      const { data, content } = matter(text);
      // Case-sensitive; a word is not repeated by a compound token that starts with it ("Accept Accept-Encoding").
      const body = content.replace(/\([^)]*\)/g, '');
      // Words include their combining marks (Devanagari vowel signs, Arabic harakat): "इस इसे" is no repeat.
      // Within a line: a heading ("### 502 Bad Gateway") and the paragraph after it are not one sentence.
      const repeat = [...body.matchAll(/(?<![\p{L}\p{M}-])([\p{L}\p{M}]{2,})[^\S\n]+\1(?![\p{L}\p{M}-])/gu)].find((m) => !GRAMMATICAL_REPEATS.has(m[1]!));
      if (repeat) failures.push(`${path}: repeated "${repeat[0]}"`);
      const keys = Object.keys(data).join(',');
      if (keys !== 'title,description,lang,protocol,codes,slug,translationKey,canonical,alternates,aliases') failures.push(`${path}: front matter keys ${keys}`);
      if (!path.endsWith(`/${data.slug}.md`)) failures.push(`${path}: slug ${data.slug}`);
      if (data.translationKey !== `${data.protocol}-${data.codes[0]}-vs-${data.codes[1]}`) failures.push(`${path}: translationKey ${data.translationKey}`);
      if (!new RegExp(`^/${locale}/${data.protocol}/${data.codes[1]}-.*-vs-${data.codes[0]}-`).test(data.aliases[0])) failures.push(`${path}: alias ${data.aliases[0]}`);
      for (const url of [data.canonical, ...Object.values(data.alternates as Record<string, string>)]) {
        if (!url.startsWith(`${BASE}/`) || !site.has(`html${url.slice(BASE.length)}index.html`)) failures.push(`${path} → ${url}`);
      }
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      for (const [, href] of content.matchAll(/\]\(([^)<>]+\.md)\)/g)) if (!site.has(dir + href!)) failures.push(`${path} → ${href}`);
      if (locale === 'fr') {
        const plain = / [:;?!]/.exec(content.replace(/\(<https?:[^>]*>\)|https?:\/\/\S+/g, ''));
        if (plain) failures.push(`${path}: plain space before "${plain[0].trim()}"`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('HTML: complete documents with language, direction, canonical and alternates, every section, links that resolve', () => {
    const failures: string[] = [];
    for (const path of articles('html', '/index.html')) {
      const html = site.read(path);
      const { tag, dir } = tags.get(path.split('/')[1]!)!;
      for (const id of ['id="key-differences"', 'id="when-to-use"', 'id="related"', 'id="references"']) if (!html.includes(id)) failures.push(`${path}: no ${id}`);
      if (!html.startsWith(`<!DOCTYPE html>\n<html lang="${tag}" dir="${dir}">`)) failures.push(`${path}: html element`);
      if (!/<meta name="description" content="[^"]+">/.test(html)) failures.push(`${path}: description`);
      if (!html.includes('<link rel="canonical" href="https://codecompare.dev/') || !html.includes('hreflang="x-default"')) failures.push(`${path}: canonical/x-default`);
      if (!html.trimEnd().endsWith('</html>')) failures.push(`${path}: truncated`);
      const glitch = GLITCH.exec(html);
      if (glitch) failures.push(`${path}: ${glitch[0]}`);
      for (const [, url] of html.matchAll(/hreflang="[^"]+" href="([^"]+)"/g)) if (!site.has(`html${url!.slice(BASE.length)}index.html`)) failures.push(`${path} → ${url}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('JSON: no Key differences row with two equal values, a decisive sentence, no glitch', () => {
    const failures: string[] = [];
    let withoutRows = 0;
    const pages = articles('json', '.json');
    for (const path of pages) {
      const text = site.read(path);
      // A JSON null value, not the word "null" in a text ("publishes a null MX").
      if (/\bundefined\b|\bNaN\b|\[object Object\]|\{\{|": null\b/.test(text)) failures.push(`${path}: glitch`);
      const view = JSON.parse(text);
      if (!view.differences.rows.length) withoutRows++;
      for (const row of view.differences.rows) if (JSON.stringify(row.a) === JSON.stringify(row.b)) failures.push(`${path}: ${row.label}`);
      if (view.differences.decisive.length <= 20) failures.push(`${path}: short decisive sentence`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Only codes defined together with identical facts (RFC 8224's 428/436/437) have no differing row.
    expect(withoutRows).toBeLessThan(pages.length / 100);
  });

  it('lists every reversed URL in redirects.json, pointing at a page that exists', () => {
    const redirects = JSON.parse(site.read('redirects.json')) as Record<string, string>;
    expect(Object.keys(redirects)).toHaveLength(articles('html', '/index.html').length);
    const wrong = Object.entries(redirects).filter(([from, to]) => site.has(`html${from}index.html`) || !site.has(`html${to}index.html`));
    expect(wrong).toEqual([]);
  });

  it('records every written file in the manifest with its true hash, and the fingerprint of a build without warnings beside it', () => {
    const manifest = JSON.parse(site.read('manifest.json')) as { files: Record<string, { hash: string }> };
    expect(Object.keys(manifest.files).sort()).toEqual(site.paths.filter((p) => p !== 'manifest.json' && p !== FINGERPRINT_NAME).sort());
    const fingerprint = JSON.parse(site.read(FINGERPRINT_NAME)) as { hash: string; pages: number; files: number };
    expect(fingerprint.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint.files).toBe(Object.keys(manifest.files).length);
    const wrong = Object.entries(manifest.files).filter(([path, entry]) => hashContent(site.read(path)) !== entry.hash);
    expect(wrong.map(([p]) => p)).toEqual([]);
  });

  it('is deterministic: building again gives identical bytes', () => {
    // A second, narrower build (two locales, two formats) must reproduce those files byte for byte.
    const again = tempProject({ dataFrom: REPO });
    try {
      build(again, { locales: ['fr', 'ja'], formats: ['md', 'html'] });
      const compared = site.paths.filter((k) => /^(md|html)\/(fr|ja)\//.test(k));
      expect(compared.length).toBeGreaterThan(1000);
      const differing = compared.filter((path) => hashContent(readOut(again.outDir, path)) !== hashContent(site.read(path)));
      expect(differing.slice(0, 10)).toEqual([]);
    } finally {
      again.cleanup();
    }
  });
});

function readOut(outDir: string, path: string): string {
  return readFileSync(join(outDir, path), 'utf8');
}
