/**
 * What search engines and social sites read: meta descriptions that fit, Open Graph
 * locales, JSON-LD (schema.org TechArticle, CollectionPage, BreadcrumbList), sitemaps
 * with hreflang alternates, robots.txt and the redirect files of common static hosts.
 * Pure functions of the site index; nothing here is prose (prose comes from the locales).
 */
import type { SiteIndex } from './pages.ts';
import { pagePath } from './pages.ts';

/** Search engines show about 160 characters of a description. */
export const DESCRIPTION_LIMIT = 160;

/**
 * Shortens text to at most `limit` characters at a word boundary (Intl.Segmenter, so that
 * Thai, Japanese and Chinese are cut between words too) and ends it with "…". Text that
 * fits is returned as it is.
 */
export function clipAtWord(text: string, tag: string, limit = DESCRIPTION_LIMIT): string {
  if (codePoints(text) <= limit) return text;
  let out = '';
  let length = 0;
  for (const { segment } of wordSegmenter(tag).segment(text)) {
    const n = codePoints(segment);
    if (length + n > limit - 1) break;
    out += segment;
    length += n;
  }
  return `${out.replace(/[\s\p{P}\u2068\u2069]+$/u, '')}…`;
}

/** Characters as the limit counts them (code points, not UTF-16 units). */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** One word segmenter per language tag: building one costs more than clipping a description. */
const segmenters = new Map<string, Intl.Segmenter>();
function wordSegmenter(tag: string): Intl.Segmenter {
  let s = segmenters.get(tag);
  if (!s) segmenters.set(tag, (s = new Intl.Segmenter(tag, { granularity: 'word' })));
  return s;
}

/** Open Graph wants language_TERRITORY: the likely region of the tag ("fr" → "fr_FR", "zh-Hans" → "zh_CN"). */
export function ogLocale(tag: string): string {
  let value = ogLocales.get(tag);
  if (value === undefined) {
    const max = new Intl.Locale(tag).maximize();
    ogLocales.set(tag, (value = `${max.language}_${max.region ?? max.language.toUpperCase()}`));
  }
  return value;
}
/** Computed once per tag: every page of a locale asks for the same fifteen. */
const ogLocales = new Map<string, string>();

export interface Crumb {
  name: string;
  /** Absolute URL. */
  url: string;
}

/** schema.org BreadcrumbList for a trail of pages, the current page last. */
export function breadcrumbList(trail: Crumb[]): object {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  };
}

/** A JSON-LD document of several schema.org nodes. */
export function jsonLdGraph(nodes: object[]): object {
  return { '@context': 'https://schema.org', '@graph': nodes };
}

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** hreflang → absolute URL of the same page in each language that has it, x-default included. */
  alternates: [string, string][];
}

/** Sitemaps hold at most 50,000 URLs each. */
export const SITEMAP_LIMIT = 50_000;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** One sitemap file (urlset) with xhtml:link alternates. */
export function sitemapXml(entries: SitemapEntry[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const e of entries) {
    lines.push(`<url><loc>${xml(e.loc)}</loc>`);
    for (const [lang, url] of e.alternates) lines.push(`<xhtml:link rel="alternate" hreflang="${xml(lang)}" href="${xml(url)}"/>`);
    lines.push('</url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** The sitemap index that robots.txt names. */
export function sitemapIndexXml(urls: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<sitemap><loc>${xml(u)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

export function robotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${baseUrl}/sitemap.xml\n`;
}

/** Reverse-order URL path → canonical URL path, for every published comparison, sorted. */
export function redirectPairs(index: SiteIndex): [string, string][] {
  const entries = index.pages.map((p) => [pagePath(p.locale.id, p.protocol.id, p.pair.reverseSlug), pagePath(p.locale.id, p.protocol.id, p.pair.slug)] as [string, string]);
  return entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Netlify and Cloudflare Pages `_redirects`: permanent redirects, with and without the trailing slash. */
export function netlifyRedirects(pairs: [string, string][]): string {
  return pairs.map(([from, to]) => `${from} ${to} 301\n${from.slice(0, -1)} ${to} 301\n`).join('');
}

/**
 * An nginx `map` to include in the http block; the server block then says
 * `if ($codecompare_redirect) { return 301 $codecompare_redirect; }` (see README).
 */
export function nginxRedirectMap(pairs: [string, string][]): string {
  const lines = ['# Generated by codecompare: reverse-order comparison URLs → canonical URLs.', 'map $uri $codecompare_redirect {', '    default "";'];
  for (const [from, to] of pairs) {
    lines.push(`    ${from} ${to};`);
    lines.push(`    ${from.slice(0, -1)} ${to};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}
