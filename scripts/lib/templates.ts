/**
 * Handlebars templates, one folder per output format (templates/md, templates/html):
 * `article.hbs` plus `partials/*.hbs`. Templates are compiled in strict mode with
 * known helpers only, and checked before anything renders:
 *   - syntax errors, with file and line;
 *   - helpers that do not exist;
 *   - {{t "key"}} with a key the source locale does not have;
 *   - output that would skip escaping (triple-stash; bare {{field}} in Markdown).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { DiagnosticBag, Position } from './diagnostics.ts';
import { escapeMarkdownInline, escapeMdxInline, escapeMdxMarkdown, markdownCode, safeUrl } from './escape.ts';
import { markdownToHtml } from './markdown.ts';
import { sha256 } from './hash.ts';
import type { Messages } from './strings.ts';

export type TemplateFormat = 'md' | 'html';

export interface CompiledTemplates {
  format: TemplateFormat;
  /** Static files of the format, copied as they are: output path (relative to the format's folder) → content. */
  assets: Map<string, string>;
  /** Hash of a page template and every partial: a change to either re-renders the pages made with it. */
  hash(template: PageTemplate): string;
  render(template: PageTemplate, view: object, messages: Messages, options?: RenderOptions): string;
}

/** How a Markdown body is written (export profiles choose; the defaults are the generic output's). */
export interface RenderOptions {
  /** `mdx` also escapes `{` and `}`, which MDX reads as expressions (and `<` in editors' Markdown). */
  escape?: 'markdown' | 'mdx';
  /** The href of another comparison of the same locale and protocol, from its slug (`{{link slug}}`). */
  link?: (slug: string) => string;
}

/** The page templates each format must have (templates/<format>/<name>.hbs); partials live in partials/. */
export const PAGE_TEMPLATES = {
  md: ['article'],
  html: ['article', 'code', 'home', 'protocol', 'redirect', 'root'],
} as const;
export type PageTemplate = (typeof PAGE_TEMPLATES)[TemplateFormat][number];

type HelperFactory = (messages: Messages, options: RenderOptions) => Record<string, Handlebars.HelperDelegate>;

/** `{{t "key"}}`: the UI message, in the page's protocol's own wording when it has one (a view's `protocol.id`). */
function translate(messages: Messages, key: string, o: Handlebars.HelperOptions): string {
  const protocol = (o.data?.root as { protocol?: { id?: unknown } } | undefined)?.protocol?.id;
  return typeof protocol === 'string' ? messages.formatFor(protocol, key, o.hash) : messages.format(key, o.hash);
}

/** Helpers each format's templates may call, besides Handlebars' own if/unless/each/with. */
const HELPERS: Record<TemplateFormat, HelperFactory> = {
  md: (messages, options) => {
    const text = options.escape === 'mdx' ? escapeMdxInline : escapeMarkdownInline;
    return {
      t: (key: string, o: Handlebars.HelperOptions) => text(translate(messages, key, o)),
      md: (value: string | number) => text(String(value)),
      codeList: (tokens: string[]) => messages.list(tokens.map(markdownCode)),
      url: (url: string) => safeUrl(url),
      link: (slug: string) => safeUrl(options.link ? options.link(slug) : `${slug}.md`),
      // Editors' Markdown (overrides), checked when loaded: no raw HTML, safe links, headings from ###.
      markdown: (value: string) => (options.escape === 'mdx' ? escapeMdxMarkdown(value.trim()) : value.trim()),
    };
  },
  html: (messages) => ({
    t: (key: string, options: Handlebars.HelperOptions) => translate(messages, key, options),
    codeList: (tokens: string[]) =>
      new Handlebars.SafeString(messages.list(tokens.map((t) => `<code>${Handlebars.escapeExpression(t)}</code>`))),
    // Editors' Markdown (overrides), rendered by markdown-it with raw HTML disabled.
    markdown: (text: string) => new Handlebars.SafeString(markdownToHtml(text).trimEnd()),
    /** A JSON-LD object inside <script type="application/ld+json">: "<" is escaped so that no tag can close the script. */
    jsonLd: (value: unknown) => new Handlebars.SafeString(JSON.stringify(value).replace(/</g, '\\u003c')),
  }),
};
const BUILTIN = new Set(['if', 'unless', 'each', 'with']);

export function loadTemplates(templatesDir: string, root: string, format: TemplateFormat, strings: Messages, bag: DiagnosticBag): CompiledTemplates | undefined {
  const dir = join(templatesDir, format);
  const rel = (name: string) => `${relativeTo(root, dir)}/${name}`;
  const env = Handlebars.create();
  const helperNames = new Set(Object.keys(HELPERS[format](strings, {})));
  const options: CompileOptions = {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries([...helperNames].map((h) => [h, true])),
    noEscape: format === 'md',
  };
  const pageNames: readonly PageTemplate[] = PAGE_TEMPLATES[format];
  const partials = listPartials(dir);
  const files = [
    ...pageNames.map((n) => [`${n}.hbs`, join(dir, `${n}.hbs`)] as const),
    ...partials.map((n) => [`partials/${n}`, join(dir, 'partials', n)] as const),
  ];
  const partialNames = new Set(partials.map((n) => n.slice(0, -'.hbs'.length)));
  let ok = true;
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  const sources = new Map<string, string>();
  for (const [name, path] of files) {
    if (!existsSync(path)) {
      bag.error(rel(name), { line: 1, col: 1 }, 'TEMPLATE_SYNTAX', `template ${name} is missing`);
      ok = false;
      continue;
    }
    const source = readFileSync(path, 'utf8');
    sources.set(name, source);
    const ast = parseTemplate(rel(name), source, bag);
    if (!ast) {
      ok = false;
      continue;
    }
    ok = checkTemplate(rel(name), ast, format, helperNames, partialNames, strings, bag) && ok;
    const compiled = named(rel(name), env.compile(ast, options));
    if (name.startsWith('partials/')) env.registerPartial(name.slice('partials/'.length, -'.hbs'.length), compiled);
    else pages.set(name.slice(0, -'.hbs'.length), compiled);
  }
  if (!ok) return undefined;
  // The default helpers of a locale are made once; options (profiles' links) make their own.
  const defaults = new WeakMap<Messages, Record<string, Handlebars.HelperDelegate>>();
  const helpersFor = (messages: Messages, renderOptions?: RenderOptions) => {
    if (renderOptions) return HELPERS[format](messages, renderOptions);
    let helpers = defaults.get(messages);
    if (!helpers) defaults.set(messages, (helpers = HELPERS[format](messages, {})));
    return helpers;
  };
  const partialsDigest = partials.map((n) => `partials/${n}\n${sources.get(`partials/${n}`)}\n`).join('');
  const hashes = new Map(pageNames.map((n) => [n, sha256(`${n}.hbs\n${sources.get(`${n}.hbs`)}\n${partialsDigest}`)]));
  const assets = new Map<string, string>();
  for (const name of listAssets(dir)) assets.set(`assets/${name}`, readFileSync(join(dir, name), 'utf8'));
  return {
    format,
    assets,
    hash: (template) => hashes.get(template)!,
    render: (template, view, messages, renderOptions) => pages.get(template)!(view, { helpers: helpersFor(messages, renderOptions) }),
  };
}

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/** An error raised while rendering, with the template file it came from. */
export class TemplateRenderError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** Wraps a compiled template so that strict-mode errors name the file (partials included). */
function named(file: string, template: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, options) => {
    try {
      return template(context, options);
    } catch (e) {
      if (e instanceof TemplateRenderError) throw e;
      throw new TemplateRenderError(file, e instanceof Error ? e.message : String(e));
    }
  };
}

function listPartials(dir: string): string[] {
  const p = join(dir, 'partials');
  return existsSync(p) ? readdirSync(p).filter((n) => n.endsWith('.hbs')).sort() : [];
}

/** Files of a template folder that are not templates: stylesheets. */
function listAssets(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.css')).sort() : [];
}

function relativeTo(root: string, dir: string): string {
  return dir.startsWith(root) ? dir.slice(root.length + 1).split('\\').join('/') : dir;
}

function parseTemplate(file: string, source: string, bag: DiagnosticBag): hbs.AST.Program | undefined {
  try {
    return Handlebars.parse(source);
  } catch (e) {
    const err = e as { message: string; lineNumber?: number; column?: number };
    const line = err.lineNumber ?? Number(/line (\d+)/.exec(err.message)?.[1] ?? 1);
    const col = (err.column ?? 0) + 1;
    const message = err.message.split('\n').filter((l) => !/^-*\^$/.test(l)).join(' ').replace(/\s+/g, ' ');
    bag.error(file, { line, col }, 'TEMPLATE_SYNTAX', message);
    return undefined;
  }
}

/** Walks a template's AST; returns false if it found an error. */
function checkTemplate(file: string, ast: hbs.AST.Program, format: TemplateFormat, helpers: Set<string>, partials: Set<string>, strings: Messages, bag: DiagnosticBag): boolean {
  let ok = true;
  const fail = (loc: hbs.AST.SourceLocation, code: 'TEMPLATE_UNKNOWN_HELPER' | 'TEMPLATE_UNKNOWN_PARTIAL' | 'TEMPLATE_UNKNOWN_STRING' | 'TEMPLATE_UNESCAPED', message: string) => {
    ok = false;
    bag.error(file, pos(loc), code, message);
  };
  const visitCall = (node: hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement): void => {
    const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    const isCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || node.type === 'BlockStatement';
    if (isCall && !helpers.has(name) && !BUILTIN.has(name)) {
      fail(node.loc, 'TEMPLATE_UNKNOWN_HELPER', `unknown helper "${name}"; available: ${[...helpers, ...BUILTIN].sort().join(', ')}`);
    }
    if (name === 't') {
      const key = node.params[0];
      if (key?.type !== 'StringLiteral') fail(node.loc, 'TEMPLATE_UNKNOWN_STRING', 'the first argument of "t" must be a string key');
      else if (!strings.has((key as hbs.AST.StringLiteral).value)) {
        fail(node.loc, 'TEMPLATE_UNKNOWN_STRING', `unknown string "${(key as hbs.AST.StringLiteral).value}"`);
      }
    }
    if (node.type === 'MustacheStatement') {
      if (!(node as hbs.AST.MustacheStatement).escaped) fail(node.loc, 'TEMPLATE_UNESCAPED', `triple-stash {{{${name}}}} would skip escaping; use a helper`);
      else if (format === 'md' && !isCall && !helpers.has(name)) {
        fail(node.loc, 'TEMPLATE_UNESCAPED', `{{${name}}} is not escaped for Markdown; use {{md ${name}}} or {{url ${name}}}`);
      }
    }
    for (const p of [...node.params, ...(node.hash?.pairs.map((x) => x.value) ?? [])]) visit(p);
  };
  const visit = (node: hbs.AST.Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        (node as hbs.AST.Program).body.forEach(visit);
        break;
      case 'MustacheStatement':
      case 'SubExpression':
        visitCall(node as hbs.AST.MustacheStatement);
        break;
      case 'PartialStatement': {
        const p = node as hbs.AST.PartialStatement;
        const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : '';
        if (!partials.has(name)) fail(p.loc, 'TEMPLATE_UNKNOWN_PARTIAL', `unknown partial "${name}"; available: ${[...partials].sort().join(', ')}`);
        break;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        visitCall(b);
        visit(b.program);
        visit(b.inverse);
        break;
      }
      default:
        break;
    }
  };
  visit(ast);
  return ok;
}

function pos(loc: hbs.AST.SourceLocation | undefined): Position {
  return loc ? { line: loc.start.line, col: loc.start.column + 1 } : { line: 1, col: 1 };
}
