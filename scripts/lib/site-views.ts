/**
 * Stage 4b — view models of the HTML site around the articles: the root language chooser,
 * each locale's home page, each protocol's index of codes, each code's page, and the
 * chrome every HTML page shares (head metadata, breadcrumbs, language switcher, footer).
 * Links are relative, so the site works from any folder of any static host.
 */
import {
  codePath,
  featuredPairs,
  homePath,
  isHidden,
  pagePath,
  protocolPath,
  publishingLocales,
  relativeHref,
  type Page,
  type SiteIndex,
} from './pages.ts';
import { makePair, type Pair } from './pairs.ts';
import { isolateLtrRuns } from './strings.ts';
import { breadcrumbList, clipAtWord, jsonLdGraph, ogLocale, type Crumb, type SitemapEntry } from './seo.ts';
import type { CodeEntry, LocaleData, ProtocolData } from './validate.ts';
import { equivalentViews, pairTitle, type ArticleView, type EquivalentView } from './view-model.ts';

const STYLESHEET = '/assets/site.css';

export interface Link {
  text: string;
  href: string;
  lang?: string;
}

export interface Chrome {
  lang: string;
  dir: 'ltr' | 'rtl';
  siteName: string;
  /** <title>, without the site name. */
  title: string;
  /** At most 160 characters, cut at a word boundary. */
  description: string;
  canonical: string;
  css: string;
  homeHref: string;
  /** The same page in every locale that has it. */
  alternates: { lang: string; name: string; url: string; href: string; current: boolean }[];
  xDefault: string;
  /** The trail to this page; the last one is the page itself (no href). */
  breadcrumbs: { name: string; href?: string }[];
  og: { type: string; locale: string; alternateLocales: string[] };
  jsonLd: object;
  footer: { registries: Link[]; licence?: Link; facts: string };
}

/** A page of the HTML site: where it is and in which locales it exists. */
interface Place {
  /** URL path of this page. */
  path: string;
  locale: LocaleData;
  /** The same page's URL path in another locale, or undefined where that locale does not have it. */
  pathIn(locale: LocaleData): string | undefined;
}

function chrome(index: SiteIndex, place: Place, title: string, description: string, trail: Crumb[], schemaType: string, protocols: ProtocolData[]): Chrome {
  const { data } = index;
  const { locale, path } = place;
  const abs = (p: string) => data.site.baseUrl + p;
  const alternates = data.locales.flatMap((l) => {
    const p = place.pathIn(l);
    return p ? [{ lang: l.info.tag, name: l.info.name, url: abs(p), href: relativeHref(path, p), current: l.id === locale.id }] : [];
  });
  const sourcePath = place.pathIn(data.source);
  const clipped = clipAtWord(description, locale.info.tag);
  const canonical = abs(path);
  return {
    lang: locale.info.tag,
    dir: locale.info.dir,
    siteName: data.site.name,
    title,
    description: clipped,
    canonical,
    css: relativeHref(path, STYLESHEET),
    homeHref: relativeHref(path, homePath(locale.id)),
    alternates,
    xDefault: abs(sourcePath ?? path),
    breadcrumbs: trail.map((c, i) => (i === trail.length - 1 ? { name: c.name } : { name: c.name, href: relativeHref(path, c.url.slice(data.site.baseUrl.length)) })),
    og: {
      type: schemaType === 'TechArticle' ? 'article' : 'website',
      locale: ogLocale(locale.info.tag),
      alternateLocales: alternates.filter((a) => !a.current).map((a) => ogLocale(a.lang)),
    },
    jsonLd: jsonLdGraph([
      {
        '@type': schemaType,
        '@id': canonical,
        url: canonical,
        name: title,
        ...(schemaType === 'TechArticle' ? { headline: title } : {}),
        description: clipped,
        inLanguage: locale.info.tag,
        isPartOf: { '@type': 'WebSite', name: data.site.name, url: `${data.site.baseUrl}/` },
        ...(data.site.licence ? { license: data.site.licence.url } : {}),
      },
      breadcrumbList(trail),
    ]),
    footer: footerOf(index, locale, protocols),
  };
}

type Footer = Chrome['footer'];

/** Footers by locale and protocols shown: the same for every page of a locale and protocol. */
const footers = new WeakMap<SiteIndex, Map<string, Footer>>();

function footerOf(index: SiteIndex, locale: LocaleData, protocols: ProtocolData[]): Footer {
  let byKey = footers.get(index);
  if (!byKey) footers.set(index, (byKey = new Map()));
  const key = `${locale.id}\n${protocols.map((p) => p.id).join(',')}`;
  let footer = byKey.get(key);
  if (footer) return footer;
  const { data } = index;
  const m = locale.messages;
  const dates = new Intl.DateTimeFormat(locale.info.intl ?? locale.info.tag, { dateStyle: 'long', timeZone: 'UTC' });
  footer = {
    registries: protocols
      .filter((p) => p.registry)
      .map((p) => ({ text: m.formatFor(p.id, 'page.registry', { protocol: m.format(`protocols.${p.id}.name`), date: dates.format(new Date(`${p.registry!.updated}T00:00:00Z`)) }), href: p.registry!.source })),
    licence: data.site.licence ? { text: m.format('page.licence', { licence: data.site.licence.name }), href: data.site.licence.url } : undefined,
    facts: m.format('page.footer'),
  };
  byKey.set(key, footer);
  return footer;
}

/** The trail from the locale's home: Home › SIP › …. */
function trailOf(index: SiteIndex, locale: LocaleData, protocol?: ProtocolData, ...rest: Crumb[]): Crumb[] {
  const m = locale.messages;
  const abs = (p: string) => index.data.site.baseUrl + p;
  const home = { name: m.format('page.breadcrumbHome'), url: abs(homePath(locale.id)) };
  if (!protocol) return [home, ...rest];
  return [home, { name: m.format(`protocols.${protocol.id}.name`), url: abs(protocolPath(locale.id, protocol.id)) }, ...rest];
}

/** "401 Unauthorized"; in right-to-left locales wrapped in Unicode isolates, like every left-to-right run of their text. */
const codeText = (c: CodeEntry, locale?: LocaleData) => (locale?.info.dir === 'rtl' ? isolateLtrRuns(`${c.code} ${c.reason}`) : `${c.code} ${c.reason}`);

// ------------------------------------------------------------------ articles

export type HtmlArticleView = Omit<ArticleView, 'codes'> & { codes: (ArticleView['codes'][number] & { page: Link })[]; chrome: Chrome; relatedLinks: Link[] };

/** The article's view with the HTML chrome; the JSON output stays the plain article view. */
export function htmlArticle(index: SiteIndex, page: Page, view: ArticleView): HtmlArticleView {
  const { locale, protocol, pair } = page;
  const path = pagePath(locale.id, protocol.id, pair.slug);
  const place: Place = {
    path,
    locale,
    pathIn: (l) => (publishingLocales(index, page).includes(l) ? pagePath(l.id, protocol.id, pair.slug) : undefined),
  };
  const trail = trailOf(index, locale, protocol, { name: view.title, url: view.canonical });
  return {
    ...view,
    chrome: chrome(index, place, view.title, view.description, trail, 'TechArticle', [protocol]),
    relatedLinks: view.related.map((r) => ({ text: r.title, href: relativeHref(path, pagePath(locale.id, protocol.id, r.slug)) })),
    equivalents: equivalentLinks(index, locale, path, view.equivalents),
    codes: view.codes.map((v, i) => {
      const c = i === 0 ? pair.a : pair.b;
      return { ...v, page: { text: locale.messages.formatFor(protocol.id, 'codePage.comparisons', { code: c.code }), href: relativeHref(path, codePath(locale.id, protocol.id, c)) } };
    }),
  };
}

// ------------------------------------------------------------------ root page

export interface RootView {
  chrome: Chrome;
  /** Each language with its home page; `choose` is "Choose your language" in that language. */
  languages: { lang: string; dir: 'ltr' | 'rtl'; name: string; title: string; choose: string; href: string; locale: string }[];
}

/** "/": a visible list of languages; a small script picks the reader's language when it can. */
export function rootView(index: SiteIndex): RootView {
  const { data } = index;
  const homes = data.locales.filter((l) => index.homes.has(l.id));
  const place: Place = { path: '/', locale: data.source, pathIn: (l) => (l === data.source ? '/' : undefined) };
  const m = data.source.messages;
  const c = chrome(index, place, data.site.name, m.format('home.description'), [{ name: data.site.name, url: `${data.site.baseUrl}/` }], 'WebSite', data.protocols);
  return {
    chrome: { ...c, breadcrumbs: [] },
    languages: homes.map((l) => ({
      lang: l.info.tag,
      dir: l.info.dir,
      name: l.info.name,
      title: l.messages.format('home.title'),
      choose: l.messages.format('root.chooseLanguage'),
      href: relativeHref('/', homePath(l.id)),
      locale: l.id,
    })),
  };
}

// ------------------------------------------------------------------ home pages

export interface HomeView {
  chrome: Chrome;
  title: string;
  description: string;
  protocols: { name: string; href: string; summary: string }[];
  featured: Link[];
}

export function homeView(index: SiteIndex, locale: LocaleData): HomeView {
  const { data } = index;
  const m = locale.messages;
  const path = homePath(locale.id);
  const place: Place = { path, locale, pathIn: (l) => (index.homes.has(l.id) ? homePath(l.id) : undefined) };
  const title = m.format('home.title');
  const description = m.format('home.description');
  const protocols = data.protocols.filter((p) => index.ready.has(`${locale.id}/${p.id}`));
  return {
    chrome: chrome(index, place, title, description, trailOf(index, locale), 'CollectionPage', protocols),
    title,
    description,
    protocols: protocols.map((p) => ({
      name: m.format(`protocols.${p.id}.name`),
      href: relativeHref(path, protocolPath(locale.id, p.id)),
      summary: m.format('home.protocolSummary', {
        codes: index.ready.get(`${locale.id}/${p.id}`)!.size,
        comparisons: index.pages.filter((x) => x.locale === locale && x.protocol === p).length,
      }),
    })),
    // The protocol's featured pairs, then those an editor's override marks as featured in this locale.
    featured: protocols.flatMap((p) =>
      uniquePairs([
        ...p.protocol.featured.map(([x, y]) => makePair(p.id, p.byCode.get(x)!, p.byCode.get(y)!)),
        ...featuredPairs(index, locale.id).filter((f) => f.protocol === p).map((f) => f.pair),
      ]).flatMap((pair) => {
        if (!index.has(locale.id, p.id, pair.slug) || isHidden(index, locale.id, pair)) return [];
        return [{ text: pairTitle(data, locale, pair), href: relativeHref(path, pagePath(locale.id, p.id, pair.slug)) }];
      }),
    ),
  };
}

function uniquePairs(pairs: Pair[]): Pair[] {
  return [...new Map(pairs.map((p) => [p.slug, p])).values()];
}

// ------------------------------------------------------------------ protocol pages

export interface ProtocolView {
  chrome: Chrome;
  title: string;
  description: string;
  classes: { name: string; id: string; codes: (Link & { name: string })[] }[];
}

export function protocolView(index: SiteIndex, locale: LocaleData, protocol: ProtocolData): ProtocolView {
  const m = locale.messages;
  const path = protocolPath(locale.id, protocol.id);
  const ready = index.ready.get(`${locale.id}/${protocol.id}`)!;
  const place: Place = { path, locale, pathIn: (l) => (index.ready.has(`${l.id}/${protocol.id}`) ? protocolPath(l.id, protocol.id) : undefined) };
  const name = m.format(`protocols.${protocol.id}.name`);
  const title = m.formatFor(protocol.id, 'protocolPage.title', { protocol: name });
  const description = m.formatFor(protocol.id, 'protocolPage.description', { protocol: name });
  return {
    chrome: chrome(index, place, title, description, trailOf(index, locale, protocol), 'CollectionPage', [protocol]),
    title,
    description,
    classes: protocol.protocol.classes
      .map((k) => ({
        id: k.id,
        name: m.format(`protocols.${protocol.id}.classes.${k.id}.name`),
        codes: protocol.codes
          .filter((c) => c.classId === k.id && ready.has(c.code))
          .map((c) => ({ text: codeText(c, locale), href: relativeHref(path, codePath(locale.id, protocol.id, c)), name: localName(locale, protocol, c) })),
      }))
      .filter((k) => k.codes.length),
  };
}

/** The code's name in the locale when it differs from the registered reason phrase, else "". */
function localName(locale: LocaleData, protocol: ProtocolData, c: CodeEntry): string {
  const name = locale.messages.format(`protocols.${protocol.id}.codes.${c.code}.name`);
  return name === c.reason ? '' : name;
}

// ------------------------------------------------------------------ code pages

export interface CodePageView {
  chrome: Chrome;
  /** The protocol, whose own wording of UI messages the template's strings take. */
  protocol: { id: string; name: string };
  title: string;
  code: number;
  reason: string;
  localName: string;
  className: string;
  description: string;
  whenYouSeeIt: string;
  howToFix: string;
  /** Its nearest codes in other protocols, linked when the locale has their pages. */
  equivalents: (EquivalentView & { href: string })[];
  /** "Compare 401 with another response", in the protocol's own words. */
  comparisonsHeading: string;
  /** Comparisons with this code: the related codes' first, then the others by code. */
  comparisons: Link[];
  /** Links to the previous and next code of the protocol. */
  pager: (Link & { rel: 'prev' | 'next' })[];
}

export function codePageView(index: SiteIndex, locale: LocaleData, protocol: ProtocolData, code: CodeEntry): CodePageView {
  const m = locale.messages;
  const k = `protocols.${protocol.id}.codes.${code.code}`;
  const path = codePath(locale.id, protocol.id, code);
  const place: Place = { path, locale, pathIn: (l) => (index.ready.get(`${l.id}/${protocol.id}`)?.has(code.code) ? codePath(l.id, protocol.id, code) : undefined) };
  const protocolName = m.format(`protocols.${protocol.id}.name`);
  const title = m.formatFor(protocol.id, 'codePage.title', { protocol: protocolName, code: codeText(code) });
  const description = m.formatFor(protocol.id, 'codePage.description', { protocol: protocolName, code: codeText(code) });
  const ready = protocol.codes.filter((c) => index.ready.get(`${locale.id}/${protocol.id}`)!.has(c.code));
  const others = ready.filter((c) => c !== code);
  const related = new Set([...code.related, ...others.filter((o) => o.related.includes(code.code)).map((o) => o.code)]);
  const ordered = [...others.filter((o) => related.has(o.code)), ...others.filter((o) => !related.has(o.code))];
  const comparisons = ordered.flatMap((o) => {
    const pair = makePair(protocol.id, code, o);
    // Pairs an editor hid (data/overrides/) are not listed; an override's title replaces the generated one.
    if (!index.has(locale.id, protocol.id, pair.slug) || isHidden(index, locale.id, pair)) return [];
    return [{ text: pairTitle(index.data, locale, pair), href: relativeHref(path, pagePath(locale.id, protocol.id, pair.slug)) }];
  });
  const at = ready.indexOf(code);
  const neighbour = (c: CodeEntry | undefined, rel: 'prev' | 'next') =>
    c ? [{ rel, text: m.format(rel === 'prev' ? 'page.previous' : 'page.next', { title: codeText(c) }), href: relativeHref(path, codePath(locale.id, protocol.id, c)) }] : [];
  const trail = trailOf(index, locale, protocol, { name: codeText(code, locale), url: index.data.site.baseUrl + path });
  return {
    chrome: chrome(index, place, title, description, trail, 'TechArticle', [protocol]),
    protocol: { id: protocol.id, name: protocolName },
    title,
    code: code.code,
    reason: code.reason,
    localName: localName(locale, protocol, code),
    className: m.format(`protocols.${protocol.id}.classes.${code.classId}.name`),
    description: m.format(`${k}.description`),
    whenYouSeeIt: m.format(`${k}.whenYouSeeIt`),
    howToFix: m.format(`${k}.howToFix`),
    equivalents: equivalentLinks(index, locale, path, equivalentViews(index, locale, protocol, code)),
    comparisonsHeading: m.formatFor(protocol.id, 'codePage.comparisons', { code: code.code }),
    comparisons,
    pager: [...neighbour(ready[at - 1], 'prev'), ...neighbour(ready[at + 1], 'next')],
  };
}

/** Equivalents with a link to the other code's page, when the locale has that page. */
function equivalentLinks(index: SiteIndex, locale: LocaleData, from: string, list: EquivalentView[]): (EquivalentView & { href: string })[] {
  return list.map((e) => {
    const code = index.data.protocols.find((p) => p.id === e.protocol)!.byCode.get(e.otherCode)!;
    const ready = index.ready.get(`${locale.id}/${e.protocol}`)?.has(e.otherCode);
    return { ...e, href: ready ? relativeHref(from, codePath(locale.id, e.protocol, code)) : '' };
  });
}

// ------------------------------------------------------------------ redirect stubs

export interface RedirectView {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  canonical: string;
  href: string;
}

/** For hosts without redirects: an HTML page at the reverse-order URL that sends readers on. */
export function redirectView(index: SiteIndex, page: Page, title: string): RedirectView {
  const { locale, protocol, pair } = page;
  const from = pagePath(locale.id, protocol.id, pair.reverseSlug);
  const to = pagePath(locale.id, protocol.id, pair.slug);
  return { lang: locale.info.tag, dir: locale.info.dir, title, canonical: index.data.site.baseUrl + to, href: relativeHref(from, to) };
}

// ------------------------------------------------------------------ sitemap

/** Every HTML page of a locale with its alternates, for the locale's sitemap. */
export function sitemapEntries(index: SiteIndex, locale: LocaleData): SitemapEntry[] {
  const { data } = index;
  const abs = (p: string) => data.site.baseUrl + p;
  const entry = (pathIn: (l: LocaleData) => string | undefined): SitemapEntry => {
    const alternates = data.locales.flatMap((l) => {
      const p = pathIn(l);
      return p ? [[l.info.tag, abs(p)] as [string, string]] : [];
    });
    const source = pathIn(data.source);
    if (source) alternates.push(['x-default', abs(source)]);
    return { loc: abs(pathIn(locale)!), alternates };
  };
  const out: SitemapEntry[] = [];
  if (!index.homes.has(locale.id)) return out;
  out.push(entry((l) => (index.homes.has(l.id) ? homePath(l.id) : undefined)));
  for (const protocol of data.protocols) {
    const ready = index.ready.get(`${locale.id}/${protocol.id}`);
    if (!ready) continue;
    out.push(entry((l) => (index.ready.has(`${l.id}/${protocol.id}`) ? protocolPath(l.id, protocol.id) : undefined)));
    for (const c of protocol.codes) {
      if (!ready.has(c.code)) continue;
      out.push(entry((l) => (index.ready.get(`${l.id}/${protocol.id}`)?.has(c.code) ? codePath(l.id, protocol.id, c) : undefined)));
    }
  }
  for (const page of index.pages) {
    if (page.locale !== locale) continue;
    const publishing = new Set(publishingLocales(index, page));
    out.push(entry((l) => (publishing.has(l) ? pagePath(l.id, page.protocol.id, page.pair.slug) : undefined)));
  }
  return out;
}
