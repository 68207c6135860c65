/**
 * Stage 5 — render: a view into the bytes of each output format.
 * Markdown gets YAML front matter written by the `yaml` library; JSON is the view itself.
 */
import { yamlMapping } from './front-matter.ts';
import type { OutputFormat } from './schema.ts';
import type { Messages } from './strings.ts';
import type { CompiledTemplates, PageTemplate } from './templates.ts';
import type { ArticleView } from './view-model.ts';

export type Renderers = Partial<Record<'md' | 'html', CompiledTemplates>>;

/** An article in one format; `htmlView` is the article's view with the site chrome (HTML only). */
export function renderArticle(format: OutputFormat, view: ArticleView, messages: Messages, templates: Renderers, htmlView?: () => object): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(view, null, 2)}\n`;
    case 'md':
      return `---\n${yamlMapping(frontMatter(view))}---\n\n${templates.md!.render('article', view, messages)}`;
    case 'html':
      return templates.html!.render('article', htmlView ? htmlView() : view, messages);
  }
}

/** A page of the HTML site other than an article (home, protocol, code, root, redirect stub). */
export function renderHtmlPage(template: PageTemplate, view: object, messages: Messages, templates: Renderers): string {
  return templates.html!.render(template, view, messages);
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

/** The HTML file of a site URL path: "/fr/sip/" → "html/fr/sip/index.html". */
export function htmlFile(urlPath: string): string {
  return `html${urlPath}index.html`;
}
