/**
 * The site's pages: which (locale, pair) comparisons are published, and their URLs.
 * A pair is published in a locale when that locale has every string the page needs.
 */
import { hasAllStrings } from './coverage.ts';
import { indexEquivalents, type Equivalent } from './equivalents.ts';
import type { DiagnosticBag } from './diagnostics.ts';
import { codeSlug, enumeratePairs, makePair, type Pair } from './pairs.ts';
import type { CodeEntry, DataSet, LocaleData, ProtocolData } from './validate.ts';

export interface Page {
  locale: LocaleData;
  protocol: ProtocolData;
  pair: Pair;
}

export interface SiteIndex {
  data: DataSet;
  /** Every published page, sorted by locale (site order), protocol, then pair. */
  pages: Page[];
  /** Pairs of each protocol, whatever the locale. */
  pairs: Map<string, Pair[]>;
  has(locale: string, protocol: string, slug: string): boolean;
  /** Codes with every string in a locale, by "locale/protocol": they have a code page, and pairs of them have comparisons. */
  ready: Map<string, Set<number>>;
  /** Locales with every UI string: they have a home page. */
  homes: Set<string>;
  /** Equivalents in other protocols of each code, both directions, by "protocol/code". */
  equivalents: Map<string, Equivalent[]>;
}

export function buildSiteIndex(data: DataSet, bag: DiagnosticBag): SiteIndex {
  const pairs = new Map(data.protocols.map((p) => [p.id, enumeratePairs(p, p.protocol.pairPolicy ?? data.site.pairPolicy, bag)]));
  const pages: Page[] = [];
  const keys = new Set<string>();
  const readyCodes = new Map<string, Set<number>>();
  const homes = new Set<string>();
  for (const locale of data.locales) {
    if (!hasAllStrings(data, locale, 'ui')) continue;
    homes.add(locale.id);
    for (const protocol of data.protocols) {
      if (!hasAllStrings(data, locale, { protocol: protocol.id })) continue;
      const ready = new Set(protocol.codes.filter((c) => !c.draft && hasAllStrings(data, locale, { protocol: protocol.id, code: c.code })).map((c) => c.code));
      readyCodes.set(`${locale.id}/${protocol.id}`, ready);
      for (const pair of pairs.get(protocol.id)!) {
        if (!ready.has(pair.a.code) || !ready.has(pair.b.code)) continue;
        pages.push({ locale, protocol, pair });
        keys.add(`${locale.id}/${protocol.id}/${pair.slug}`);
      }
    }
  }
  return { data, pages, pairs, has: (l, p, s) => keys.has(`${l}/${p}/${s}`), ready: readyCodes, homes, equivalents: indexEquivalents(data.protocols) };
}

/** URL path of a comparison in the HTML site: "/fr/sip/180-ringing-vs-401-unauthorized/". */
export function pagePath(locale: string, protocol: string, slug: string): string {
  return `/${locale}/${protocol}/${slug}/`;
}

/** URL paths of the site's other pages: a locale's home, a protocol's index, a code's page. */
export const homePath = (locale: string): string => `/${locale}/`;
export const protocolPath = (locale: string, protocol: string): string => `/${locale}/${protocol}/`;
export const codePath = (locale: string, protocol: string, code: CodeEntry): string => `/${locale}/${protocol}/${codeSlug(code)}/`;

/**
 * A link from one URL path of the site to another, relative, so that the site works
 * from any folder of a static host: "/fr/sip/a-vs-b/" → "/fr/sip/" is "../".
 */
export function relativeHref(from: string, to: string): string {
  const dir = from.split('/').slice(1, -1);
  const target = to.split('/').slice(1);
  let common = 0;
  while (common < dir.length && common < target.length - 1 && dir[common] === target[common]) common++;
  const href = '../'.repeat(dir.length - common) + target.slice(common).join('/');
  return href || './';
}

export function pageUrl(data: DataSet, locale: string, protocol: string, slug: string): string {
  return data.site.baseUrl + pagePath(locale, protocol, slug);
}

/** Publishing locales of each pair, per index: every page of a pair (one per locale, and each of its formats) asks. */
const publishing = new WeakMap<SiteIndex, Map<Pair, LocaleData[]>>();

/** The locales that publish a page's pair, in site order (its alternates). */
export function publishingLocales(index: SiteIndex, page: Page): LocaleData[] {
  let byPair = publishing.get(index);
  if (!byPair) publishing.set(index, (byPair = new Map()));
  let locales = byPair.get(page.pair);
  if (!locales) byPair.set(page.pair, (locales = index.data.locales.filter((l) => index.has(l.id, page.protocol.id, page.pair.slug))));
  return locales;
}

/** Related comparisons are read by the page signature and the view model: computed once per page. */
const related = new WeakMap<Page, Pair[]>();

/**
 * Comparisons to link from a page, at most six: pairs with the codes each code lists
 * as related first, then the codes that list them, then other codes of the same
 * classes; only pages that exist in the locale.
 */
export function relatedPairs(index: SiteIndex, page: Page): Pair[] {
  let pairs = related.get(page);
  if (!pairs) related.set(page, (pairs = findRelatedPairs(index, page, 6)));
  return pairs;
}

function findRelatedPairs(index: SiteIndex, page: Page, limit: number): Pair[] {
  const { protocol, pair, locale } = page;
  const out = new Map<string, Pair>();
  const add = (x: number, y: number) => {
    if (x === y || out.size >= limit) return;
    const cx = protocol.byCode.get(x);
    const cy = protocol.byCode.get(y);
    if (!cx || !cy) return;
    const p = makePair(protocol.id, cx, cy);
    if (p.slug === pair.slug || !index.has(locale.id, protocol.id, p.slug) || isHidden(index, locale.id, p)) return;
    out.set(p.slug, p);
  };
  for (const c of [pair.a, pair.b]) for (const r of c.related) add(c.code, r);
  for (const c of [pair.a, pair.b]) for (const o of protocol.codes) if (o.related.includes(c.code)) add(c.code, o.code);
  for (const c of [pair.a, pair.b]) for (const o of protocol.codes) if (o.classId === c.classId) add(c.code, o.code);
  return [...out.values()];
}

/** Whether an editor hid the pair from listings in this locale (an override's `hidden: true`). */
export function isHidden(index: SiteIndex, locale: string, pair: Pair): boolean {
  return index.data.overrides.get(locale, pair.protocol, pair.a.code, pair.b.code)?.front.hidden === true;
}

/**
 * The comparisons editors marked as featured in a locale (an override's `featured: true`),
 * among the pages the locale publishes, in page order; for home and protocol pages.
 */
export function featuredPairs(index: SiteIndex, locale: string): Page[] {
  return index.pages.filter((p) => p.locale.id === locale && index.data.overrides.get(locale, p.protocol.id, p.pair.a.code, p.pair.b.code)?.front.featured === true);
}
