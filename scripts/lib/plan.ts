/**
 * Stage 6 — plan: the files a build produces, as a lazy, pure sequence of
 * `{ path, input, render }`. `input` is a hash of everything the file's bytes depend
 * on (the page's signature, the format and its templates), so the writer can keep a
 * file whose input has not changed without rendering it. Writing is the writer's job.
 */
import { sha256 } from './hash.ts';
import { pagePath, type Page, type SiteIndex } from './pages.ts';
import { outputPath, renderArticle, type Renderers } from './render.ts';
import type { OutputFormat } from './schema.ts';
import { PageSignatures } from './signature.ts';
import { buildArticle, type ArticleView } from './view-model.ts';

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
}

/** Bumped when the generator's output changes for the same inputs, so that every file is rendered again. */
const GENERATOR_VERSION = '4';

export function selectPages(index: SiteIndex, filter: BuildFilter): Page[] {
  return index.pages.filter(
    (p) => (!filter.locales || filter.locales.includes(p.locale.id)) && (!filter.protocols || filter.protocols.includes(p.protocol.id)),
  );
}

/**
 * Every file of the build in scope: each page in each format, the formats' static
 * assets, then redirects.json. A page's view model is built only when one of its
 * files is rendered.
 */
export function* planBuild(index: SiteIndex, templates: Renderers, filter: BuildFilter): Generator<PlannedFile & { page?: Page }> {
  const templateHash = (format: OutputFormat) => (format === 'json' ? '' : (templates[format]?.hash ?? ''));
  const signatures = new PageSignatures(index);
  for (const page of selectPages(index, filter)) {
    const signature = signatures.of(page);
    let view: ArticleView | undefined;
    const viewOf = () => (view ??= buildArticle(index, page));
    for (const format of filter.formats) {
      yield {
        page,
        path: outputPath(format, page.locale.id, page.protocol.id, page.pair.slug),
        input: sha256(`${GENERATOR_VERSION}\n${format}\n${templateHash(format)}\n${signature}`),
        render: () => renderArticle(format, viewOf(), page.locale.messages, templates),
      };
    }
  }
  for (const format of filter.formats) {
    for (const [name, content] of format === 'json' ? [] : (templates[format]?.assets ?? [])) {
      yield { path: `${format}/${name}`, input: sha256(content), render: () => content };
    }
  }
  const redirects = redirectsJson(index);
  yield { path: 'redirects.json', input: sha256(redirects), render: () => redirects };
}

/** Whether a path belongs to a build's scope: files out of scope are neither written nor pruned. */
export function inScope(filter: BuildFilter, path: string): boolean {
  const [format, locale, protocol] = path.split('/');
  if (!format || !locale || !protocol) return true;
  return (
    filter.formats.includes(format as OutputFormat) &&
    (!filter.locales || filter.locales.includes(locale)) &&
    (!filter.protocols || filter.protocols.includes(protocol))
  );
}

/** Reverse-order URL paths → canonical URL paths, for every published page. */
export function redirectsJson(index: SiteIndex): string {
  const map: Record<string, string> = {};
  const entries = index.pages.map((p) => [pagePath(p.locale.id, p.protocol.id, p.pair.reverseSlug), pagePath(p.locale.id, p.protocol.id, p.pair.slug)] as const);
  entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (const [from, to] of entries) map[from] = to;
  return `${JSON.stringify(map, null, 2)}\n`;
}
