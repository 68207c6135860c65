/**
 * The HTML site of the full build (test/global-setup.ts) as a deployable website:
 * page types and counts, the W3C Nu validator on every page, a link check over the
 * whole site (every href/src resolves, every hreflang alternate points back),
 * sitemaps, robots.txt, redirect files, descriptions, JSON-LD and right-to-left pages.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/lib/pipeline.ts';
import { DESCRIPTION_LIMIT } from '../scripts/lib/seo.ts';
import { fullBuild, type FullBuild } from './full-build.ts';
import { tempProject } from './project.ts';

const BASE = 'https://codecompare.dev';
let site: FullBuild;
let html: string[];
let homes: string[];

beforeAll(() => {
  site = fullBuild();
  html = site.list('html/', '.html');
  homes = site.check.data!.locales.filter((l) => site.check.index!.homes.has(l.id)).map((l) => l.id);
});

/** The kind of page a path of out/html is. */
function pageType(path: string): 'root' | 'home' | 'protocol' | 'code' | 'comparison' {
  const parts = path.split('/');
  if (parts.length === 2) return 'root';
  if (parts.length === 3) return 'home';
  if (parts.length === 4) return 'protocol';
  return parts[3]!.includes('-vs-') ? 'comparison' : 'code';
}

describe('HTML site', () => {
  it('has a root page, and per locale a home page, a protocol page, a page per code and the comparisons', () => {
    const counts = new Map<string, number>();
    for (const path of html) counts.set(pageType(path), (counts.get(pageType(path)) ?? 0) + 1);
    const { data, index } = site.check;
    const codes = data!.protocols.reduce((n, p) => n + p.codes.length, 0);
    const pairs = [...index!.pairs.values()].reduce((n, p) => n + p.length, 0);
    expect(Object.fromEntries(counts)).toEqual({
      root: 1,
      home: homes.length,
      protocol: homes.length * data!.protocols.length,
      code: homes.length * codes,
      comparison: homes.length * pairs,
    });
    console.log(`HTML pages by type: ${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  });

  it('validates every page with the Nu HTML Checker (vnu.jar), without errors', async () => {
    const jar = join(createRequire(import.meta.url).resolve('vnu-jar'), '..', 'build/dist/vnu.jar');
    expect(existsSync(jar), jar).toBe(true);
    // Two checkers in parallel (the machine has two cores), each on half of the locale folders.
    const folders = ['index.html', ...homes].map((f) => join(site.outDir, 'html', f));
    const halves = [folders.filter((_, i) => i % 2 === 0), folders.filter((_, i) => i % 2 === 1)];
    const run = promisify(execFile);
    const results = await Promise.all(
      halves.map((files) =>
        run('java', ['-Xss4m', '-jar', jar, '--errors-only', '--no-langdetect', '--skip-non-html', '--format', 'json', ...files], { maxBuffer: 256 * 1024 * 1024 }).then(
          (r) => r.stderr,
          (e: { stderr?: string; message: string }) => e.stderr || e.message,
        ),
      ),
    );
    const messages = results.flatMap((out) => (JSON.parse(out || '{"messages":[]}') as { messages: { url: string; lastLine?: number; message: string; type: string }[] }).messages);
    expect(messages.slice(0, 20).map((m) => `${m.url}:${m.lastLine} ${m.type} ${m.message}`)).toEqual([]);
    console.log(`vnu: ${html.length} pages checked, ${messages.length} errors`);
  });

  it('resolves every href and src inside the site, and every hreflang alternate points back', () => {
    const broken: string[] = [];
    const alternates = new Map<string, Set<string>>();
    for (const path of html) {
      const text = site.read(path);
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      for (const [, attr, value] of text.matchAll(/\s(href|src)="([^"]*)"/g)) {
        const v = value!.replace(/&amp;/g, '&');
        if (/^https?:\/\//.test(v)) {
          if (v.startsWith(`${BASE}/`) && !site.has(`html${new URL(v).pathname}${v.endsWith('/') ? 'index.html' : ''}`)) broken.push(`${path} ${attr}=${v}`);
          continue;
        }
        if (v.startsWith('#')) {
          if (v.length > 1 && !text.includes(`id="${v.slice(1)}"`)) broken.push(`${path} ${attr}=${v}`);
          continue;
        }
        const target = new URL(v, `file:///${dir}`).pathname.slice(1);
        if (!site.has(target.endsWith('/') ? `${target}index.html` : target)) broken.push(`${path} ${attr}=${v}`);
      }
      const canonical = /<link rel="canonical" href="([^"]+)">/.exec(text)?.[1];
      if (pageType(path) !== 'root' && !canonical) broken.push(`${path}: no canonical`);
      if (canonical) alternates.set(canonical, new Set([...text.matchAll(/<link rel="alternate" hreflang="[^"]+" href="([^"]+)">/g)].map((m) => m[1]!)));
    }
    expect(broken.slice(0, 20)).toEqual([]);
    const oneWay: string[] = [];
    for (const [page, alts] of alternates) {
      for (const alt of alts) if (alt !== page && !alternates.get(alt)?.has(page)) oneWay.push(`${page} → ${alt}`);
    }
    expect(oneWay.slice(0, 20)).toEqual([]);
  });

  it('keeps every meta description within 160 characters, cut after a whole word', () => {
    const wrong: string[] = [];
    for (const path of html) {
      const text = site.read(path);
      const raw = /<meta name="description" content="([^"]*)">/.exec(text)?.[1];
      if (raw === undefined) continue;
      // Measured as the reader sees it: "Can&#x27;t" is five characters, not ten.
      const d = raw.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');
      if ([...d].length > DESCRIPTION_LIMIT || d.trim() !== d || /\s…$/.test(d)) wrong.push(`${path}: ${d}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('describes each page in JSON-LD with schema.org types and properties', () => {
    // Properties each type has on schema.org (Thing → CreativeWork → Article → TechArticle; WebPage; ItemList).
    const allowed: Record<string, string[]> = {
      TechArticle: ['@id', 'url', 'name', 'headline', 'description', 'inLanguage', 'isPartOf', 'license'],
      CollectionPage: ['@id', 'url', 'name', 'description', 'inLanguage', 'isPartOf', 'license'],
      WebSite: ['@id', 'url', 'name', 'description', 'inLanguage', 'isPartOf', 'license'],
      BreadcrumbList: ['itemListElement'],
      ListItem: ['position', 'name', 'item'],
    };
    const wrong: string[] = [];
    const check = (node: Record<string, unknown>, path: string) => {
      const type = node['@type'] as string;
      if (!allowed[type]) return wrong.push(`${path}: type ${type}`);
      for (const key of Object.keys(node)) if (key !== '@type' && !allowed[type]!.includes(key)) wrong.push(`${path}: ${type}.${key}`);
      for (const v of Object.values(node)) for (const child of [v].flat()) if (child && typeof child === 'object' && '@type' in child) check(child as Record<string, unknown>, path);
    };
    for (const path of html.filter((p, i) => pageType(p) !== 'comparison' || i % 97 === 0)) {
      const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(site.read(path))?.[1];
      if (!json) {
        wrong.push(`${path}: no JSON-LD`);
        continue;
      }
      const doc = JSON.parse(json) as { '@context': string; '@graph': Record<string, unknown>[] };
      expect(doc['@context']).toBe('https://schema.org');
      for (const node of doc['@graph']) check(node, path);
      const crumbs = doc['@graph'].find((n) => n['@type'] === 'BreadcrumbList') as { itemListElement: { position: number }[] } | undefined;
      if (pageType(path) !== 'root' && !crumbs?.itemListElement.length) wrong.push(`${path}: no breadcrumbs`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('lists every page in exactly one sitemap of at most 50,000 URLs, with alternates; robots.txt names the index', () => {
    expect(site.read('html/robots.txt')).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    const index = site.read('html/sitemap.xml');
    const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(BASE.length + 1));
    expect(maps.length).toBeGreaterThanOrEqual(homes.length);
    const listed = new Map<string, number>();
    for (const name of maps) {
      const xml = site.read(`html/${name}`);
      const locs = [...xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      expect(locs.length).toBeLessThanOrEqual(50_000);
      expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
      for (const loc of locs) listed.set(loc, (listed.get(loc) ?? 0) + 1);
    }
    const pages = html.filter((p) => pageType(p) !== 'root').map((p) => `${BASE}/${p.slice('html/'.length, -'index.html'.length)}`);
    expect(pages.filter((p) => listed.get(p) !== 1).slice(0, 10)).toEqual([]);
    expect(listed.size).toBe(pages.length);
  });

  it('redirects every reverse-order URL in _redirects and the nginx map, to a page that exists', () => {
    const netlify = site.read('html/_redirects').trim().split('\n');
    const nginx = new Set(site.read('html/redirects.nginx.conf').split('\n'));
    const comparisons = html.filter((p) => pageType(p) === 'comparison').length;
    expect(netlify).toHaveLength(comparisons * 2);
    const wrong = netlify.filter((line) => {
      const [from, to, status] = line.split(' ');
      return status !== '301' || site.has(`html${from}/index.html`) || !site.has(`html${to}index.html`) || !nginx.has(`    ${from} ${to};`);
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('marks right-to-left pages and isolates codes and protocol tokens inside them', () => {
    const rtl = site.check.data!.locales.filter((l) => l.info.dir === 'rtl' && homes.includes(l.id));
    for (const locale of rtl) {
      const page = site.read(`html/${locale.id}/sip/180-ringing-vs-401-unauthorized/index.html`);
      expect(page).toContain(`<html lang="${locale.info.tag}" dir="rtl">`);
      const h1 = /<h1>(.*?)<\/h1>/.exec(page)![1]!;
      expect(h1).toContain('\u2068180 Ringing\u2069');
      expect(h1).toContain('\u2068401 Unauthorized\u2069');
      // Header field names in the Key differences table, and every Latin run of the prose.
      expect(page).toMatch(/\u2068<code>WWW-Authenticate<\/code>\u2069/);
      const intro = /<article>\s*<h1>.*?<\/h1>\s*<p>(.*?)<\/p>/s.exec(page)![1]!;
      expect(intro.replace(/\u2068[^\u2069]*\u2069/g, '')).not.toMatch(/[A-Za-z0-9]/);
    }
  });
});

describe('redirect stubs', () => {
  it('writes, with --redirect-stubs, an HTML page at each reverse-order URL that sends readers on', () => {
    const p = tempProject();
    try {
      build(p, { formats: ['html'], redirectStubs: true });
      const text = readFileSync(join(p.outDir, 'html/en/sip/401-unauthorized-vs-180-ringing/index.html'), 'utf8');
      expect(text).toContain('<meta http-equiv="refresh" content="0; url=../180-ringing-vs-401-unauthorized/">');
      expect(text).toContain('<link rel="canonical" href="https://codecompare.dev/en/sip/180-ringing-vs-401-unauthorized/">');
      expect(text).toContain('<meta name="robots" content="noindex">');
    } finally {
      p.cleanup();
    }
  });
});
