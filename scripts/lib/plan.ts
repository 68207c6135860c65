/**
 * Stage 6 — plan: the files a build produces, as a lazy, pure sequence of
 * `{ path, input, render }`. `input` is a hash of everything the file's bytes depend
 * on (the page's signature, the format and its templates), so the writer can keep a
 * file whose input has not changed without rendering it. Writing is the writer's job.
 */
import { sha256 } from './hash.ts';
import { codePath, homePath, protocolPath, type Page, type SiteIndex } from './pages.ts';
import { htmlFile, outputPath, renderArticle, renderHtmlPage, type Renderers } from './render.ts';
import type { OutputFormat } from './schema.ts';
import { netlifyRedirects, nginxRedirectMap, redirectPairs, robotsTxt, SITEMAP_LIMIT, sitemapIndexXml, sitemapXml } from './seo.ts';
import { PageSignatures, stringsText } from './signature.ts';
import { codePageView, homeView, htmlArticle, protocolView, redirectView, rootView, sitemapEntries } from './site-views.ts';
import type { PageTemplate } from './templates.ts';
import type { LocaleData } from './validate.ts';
import { buildArticle, pairTitle, type ArticleView } from './view-model.ts';

export interface PlannedFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  /** Hash of the file's inputs: equal inputs give equal bytes. */
  input: string;
  /** The file's content; may throw a template error. */
  render(): string;
}

export interface BuildFilter {
  locales?: string[];
  protocols?: string[];
  formats: OutputFormat[];
  /** HTML pages at the reverse-order URLs that send readers to the canonical page, for hosts without redirects. */
  redirectStubs?: boolean;
}

/** Bumped when the generator's output changes for the same inputs, so that every file is rendered again. */
const GENERATOR_VERSION = '5';

export function selectPages(index: SiteIndex, filter: BuildFilter): Page[] {
  return index.pages.filter(
    (p) => (!filter.locales || filter.locales.includes(p.locale.id)) && (!filter.protocols || filter.protocols.includes(p.protocol.id)),
  );
}

/**
 * Every file of the build in scope: each comparison in each format, then the HTML site
 * around them (home, protocol and code pages, sitemaps, robots.txt, redirect files), the
 * formats' static assets and redirects.json. A comparison's view model is built only when
 * one of its files is rendered.
 */
export function* planBuild(index: SiteIndex, templates: Renderers, filter: BuildFilter): Generator<PlannedFile & { page?: Page; format?: OutputFormat }> {
  const templateHash = (format: OutputFormat, template: PageTemplate = 'article') => (format === 'json' ? '' : (templates[format]?.hash(template) ?? ''));
  const signatures = new PageSignatures(index);
  const pages = selectPages(index, filter);
  for (const page of pages) {
    const signature = signatures.of(page);
    let view: ArticleView | undefined;
    const viewOf = () => (view ??= buildArticle(index, page));
    for (const format of filter.formats) {
      yield {
        page,
        format,
        path: outputPath(format, page.locale.id, page.protocol.id, page.pair.slug),
        input: sha256(`${GENERATOR_VERSION}\n${format}\n${templateHash(format)}\n${signature}`),
        render: () => renderPageFile(index, templates, page, format, viewOf),
      };
    }
  }
  if (filter.formats.includes('html') && templates.html) yield* planSite(index, templates, filter, pages);
  for (const format of filter.formats) {
    for (const [name, content] of format === 'json' ? [] : (templates[format]?.assets ?? [])) {
      yield { path: `${format}/${name}`, input: sha256(content), render: () => content };
    }
  }
  yield eager('redirects.json', redirectsJson(index));
}

/**
 * The bytes of one comparison in one format. `viewOf` gives the page's view model, built
 * once and shared by its formats. The render workers (render-worker.ts) call this too, so
 * a file has the same bytes whichever thread renders it.
 */
export function renderPageFile(index: SiteIndex, templates: Renderers, page: Page, format: OutputFormat, viewOf: () => ArticleView): string {
  return renderArticle(format, viewOf(), page.locale.messages, templates, () => htmlArticle(index, page, viewOf()));
}

/** How many files planBuild yields, for progress reports. */
export function countPlanned(index: SiteIndex, templates: Renderers, filter: BuildFilter): number {
  const pages = selectPages(index, filter);
  let n = pages.length * filter.formats.length + 1;
  for (const format of filter.formats) n += format === 'json' ? 0 : (templates[format]?.assets.size ?? 0);
  if (!filter.formats.includes('html') || !templates.html) return n;
  const { data } = index;
  n += 1 + 4 + (filter.redirectStubs ? pages.length : 0);
  for (const locale of data.locales) {
    if (!index.homes.has(locale.id)) continue;
    let urls = 1 + index.pages.filter((p) => p.locale === locale).length;
    let planned = 1;
    for (const p of data.protocols) {
      const ready = index.ready.get(`${locale.id}/${p.id}`);
      if (!ready) continue;
      urls += 1 + ready.size;
      if (!filter.protocols || filter.protocols.includes(p.id)) planned += 1 + ready.size;
    }
    n += Math.ceil(urls / SITEMAP_LIMIT);
    if (!filter.locales || filter.locales.includes(locale.id)) n += planned;
  }
  return n;
}

/** A file whose content is cheap enough to compute to know its input. */
function eager(path: string, content: string): PlannedFile {
  return { path, input: sha256(content), render: () => content };
}

/** The HTML site around the comparisons. Their views are small: each is built to hash it. */
function* planSite(index: SiteIndex, templates: Renderers, filter: BuildFilter, pages: Page[]): Generator<PlannedFile> {
  const { data } = index;
  // The templates print the locale's messages ({{t}}) besides the view: a changed heading re-renders the page.
  const stringsOf = new Map<LocaleData, string>();
  const stringsHash = (locale: LocaleData) => {
    let h = stringsOf.get(locale);
    if (h === undefined) stringsOf.set(locale, (h = sha256(stringsText(locale))));
    return h;
  };
  const page = (path: string, template: PageTemplate, view: object, locale = data.source): PlannedFile => ({
    path,
    input: sha256(`${GENERATOR_VERSION}\nhtml\n${templates.html!.hash(template)}\n${stringsHash(locale)}\n${JSON.stringify(view)}`),
    render: () => renderHtmlPage(template, view, locale.messages, templates),
  });
  const wanted = (l: string) => !filter.locales || filter.locales.includes(l);
  const protocols = data.protocols.filter((p) => !filter.protocols || filter.protocols.includes(p.id));
  yield page('html/index.html', 'root', rootView(index));
  for (const locale of data.locales) {
    if (!wanted(locale.id) || !index.homes.has(locale.id)) continue;
    yield page(htmlFile(homePath(locale.id)), 'home', homeView(index, locale), locale);
    for (const protocol of protocols) {
      const ready = index.ready.get(`${locale.id}/${protocol.id}`);
      if (!ready) continue;
      yield page(htmlFile(protocolPath(locale.id, protocol.id)), 'protocol', protocolView(index, locale, protocol), locale);
      for (const code of protocol.codes) {
        if (ready.has(code.code)) yield page(htmlFile(codePath(locale.id, protocol.id, code)), 'code', codePageView(index, locale, protocol, code), locale);
      }
    }
  }
  if (filter.redirectStubs) {
    for (const p of pages) {
      const title = pairTitle(data, p.locale, p.pair);
      yield page(`html/${p.locale.id}/${p.protocol.id}/${p.pair.reverseSlug}/index.html`, 'redirect', redirectView(index, p, title), p.locale);
    }
  }
  // Sitemaps: one per locale (split at 50,000 URLs), an index, and robots.txt naming it.
  const sitemaps: string[] = [];
  for (const locale of data.locales) {
    const entries = sitemapEntries(index, locale);
    for (let i = 0, part = 1; i < entries.length; i += SITEMAP_LIMIT, part++) {
      const name = entries.length > SITEMAP_LIMIT ? `sitemap-${locale.id}-${part}.xml` : `sitemap-${locale.id}.xml`;
      sitemaps.push(`${data.site.baseUrl}/${name}`);
      yield eager(`html/${name}`, sitemapXml(entries.slice(i, i + SITEMAP_LIMIT)));
    }
  }
  yield eager('html/sitemap.xml', sitemapIndexXml(sitemaps));
  yield eager('html/robots.txt', robotsTxt(data.site.baseUrl));
  const redirects = redirectPairs(index);
  yield eager('html/_redirects', netlifyRedirects(redirects));
  yield eager('html/redirects.nginx.conf', nginxRedirectMap(redirects));
}

/**
 * Whether a path belongs to a build's scope: files out of scope are neither written nor pruned.
 * Site-wide files (root page, sitemaps, redirects) are always in scope of their format; a
 * locale's home page is in scope of its locale; the rest of its locale and protocol.
 */
export function inScope(filter: BuildFilter, path: string): boolean {
  const [format, locale, protocol, ...rest] = path.split('/');
  if (!locale) return true;
  if (!filter.formats.includes(format as OutputFormat)) return false;
  if (!protocol || locale === 'assets') return true;
  if (filter.locales && !filter.locales.includes(locale)) return false;
  if (!rest.length) return true;
  return !filter.protocols || filter.protocols.includes(protocol);
}

/** Reverse-order URL paths → canonical URL paths, for every published page. */
export function redirectsJson(index: SiteIndex): string {
  return `${JSON.stringify(Object.fromEntries(redirectPairs(index)), null, 2)}\n`;
}
