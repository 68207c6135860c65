/**
 * Stage 6 — plan: a pure function from the site index, templates and options to the
 * list of files the build produces, as `{ path, content }`. Writing is the writer's job.
 */
import { DiagnosticBag } from './diagnostics.ts';
import { pagePath, type SiteIndex } from './pages.ts';
import { outputPath, renderArticle, type Renderers } from './render.ts';
import type { OutputFormat } from './schema.ts';
import { TemplateRenderError } from './templates.ts';
import { buildArticle } from './view-model.ts';

export interface PlannedFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string;
}

export interface BuildFilter {
  locales?: string[];
  protocols?: string[];
  formats: OutputFormat[];
}

export interface Plan {
  files: PlannedFile[];
  /** Pages rendered (one per locale and pair, whatever the number of formats). */
  pages: number;
  /** Whether a path belongs to this build's scope (for pruning under filters). */
  inScope(path: string): boolean;
}

/** Renders every page in scope. Render failures become diagnostics, not exceptions. */
export function planBuild(index: SiteIndex, templates: Renderers, filter: BuildFilter, bag: DiagnosticBag, onPage?: () => void): Plan {
  const files: PlannedFile[] = [];
  /** Templates that already failed: one error each is enough, the others would repeat it. */
  const failed = new Set<string>();
  const selected = index.pages.filter(
    (p) => (!filter.locales || filter.locales.includes(p.locale.id)) && (!filter.protocols || filter.protocols.includes(p.protocol.id)),
  );
  for (const page of selected) {
    const { locale, protocol, pair } = page;
    let view;
    try {
      view = buildArticle(index, page);
    } catch (e) {
      reportRenderError(e, `data/locales/${locale.id}`, `${protocol.id}/${pair.slug}`, bag);
      continue;
    }
    for (const format of filter.formats) {
      try {
        files.push({ path: outputPath(format, locale.id, protocol.id, pair.slug), content: renderArticle(format, view, locale.messages, templates) });
      } catch (e) {
        const where = e instanceof TemplateRenderError ? e.file : `templates/${format}`;
        if (!failed.has(where)) reportRenderError(e, where, `${locale.id}/${protocol.id}/${pair.slug}`, bag);
        failed.add(where);
      }
    }
    onPage?.();
  }
  files.push({ path: 'redirects.json', content: redirectsJson(index) });
  files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const inScope = (path: string): boolean => {
    const [format, locale, protocol] = path.split('/');
    if (!format || !locale || !protocol) return true;
    return (
      filter.formats.includes(format as OutputFormat) &&
      (!filter.locales || filter.locales.includes(locale)) &&
      (!filter.protocols || filter.protocols.includes(protocol))
    );
  };
  return { files, pages: selected.length, inScope };
}

/** Reverse-order URL paths → canonical URL paths, for every published page. */
export function redirectsJson(index: SiteIndex): string {
  const map: Record<string, string> = {};
  const entries = index.pages.map((p) => [pagePath(p.locale.id, p.protocol.id, p.pair.reverseSlug), pagePath(p.locale.id, p.protocol.id, p.pair.slug)] as const);
  entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (const [from, to] of entries) map[from] = to;
  return `${JSON.stringify(map, null, 2)}\n`;
}

/** Strict-mode Handlebars errors end in " - line:col"; the page is named so the error can be reproduced. */
function reportRenderError(e: unknown, where: string, page: string, bag: DiagnosticBag): void {
  const message = (e instanceof Error ? e.message : String(e)).replace('[object Object]', 'the view model');
  const at = /- (\d+):(\d+)$/.exec(message);
  const pos = at ? { line: Number(at[1]), col: Number(at[2]) + 1 } : { line: 1, col: 1 };
  bag.error(where, pos, 'TEMPLATE_RENDER', `${message.replace(/ - \d+:\d+$/, '')} (while rendering ${page})`);
}
