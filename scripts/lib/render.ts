/**
 * Stage 5 — render: one article view into the bytes of each output format.
 * Markdown gets YAML front matter written by the `yaml` library.
 */
import { stringify } from 'yaml';
import type { OutputFormat } from './schema.ts';
import type { Messages } from './strings.ts';
import type { CompiledTemplates } from './templates.ts';
import type { ArticleView } from './view-model.ts';

export type Renderers = Partial<Record<'md' | 'html', CompiledTemplates>>;

export function renderArticle(format: OutputFormat, view: ArticleView, messages: Messages, templates: Renderers): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(view, null, 2)}\n`;
    case 'md':
      return `---\n${stringify(frontMatter(view), { lineWidth: 0 })}---\n\n${templates.md!.render(view, messages)}`;
    case 'html':
      return templates.html!.render(view, messages);
  }
}

/** The front matter a static-site generator or CMS imports as-is. */
export function frontMatter(view: ArticleView): Record<string, unknown> {
  return {
    title: view.title,
    description: view.description,
    lang: view.lang,
    protocol: view.protocol.id,
    codes: view.codes.map((c) => c.code),
    slug: view.slug,
    translationKey: view.translationKey,
    canonical: view.canonical,
    alternates: Object.fromEntries(view.alternates.map((a) => [a.locale, a.url])),
    aliases: view.aliases,
  };
}

/** Where each format's file for a page goes, relative to the output folder. */
export function outputPath(format: OutputFormat, locale: string, protocol: string, slug: string): string {
  switch (format) {
    case 'md':
      return `md/${locale}/${protocol}/${slug}.md`;
    case 'html':
      return `html/${locale}/${protocol}/${slug}/index.html`;
    case 'json':
      return `json/${locale}/${protocol}/${slug}.json`;
  }
}
