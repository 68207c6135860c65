/**
 * Markdown written by editors (the body and extra sections of an override). It is
 * rendered to HTML by markdown-it with raw HTML disabled, and checked first so that
 * the Markdown output, which carries it as it is, is just as safe: no raw HTML, only
 * http(s), mailto and relative links, and no heading above level 3 (the section's own
 * heading is level 2).
 */
import MarkdownIt, { type Token } from 'markdown-it';

/** Raw HTML is escaped, never passed through; javascript: and data: links are not links. */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function markdownToHtml(source: string): string {
  return renderer.render(source);
}

/** Recognises raw HTML and every link, so that they can be reported with their line. */
const inspector = new MarkdownIt({ html: true, linkify: false });
inspector.validateLink = () => true;

export interface MarkdownProblem {
  /** 0-based line within the source. */
  line: number;
  message: string;
}

export interface MarkdownTextRun {
  /** 0-based line within the source where the block starts. */
  line: number;
  /** The block's prose, without code spans or code blocks. */
  text: string;
}

/** Problems that make Markdown unsafe or break the page outline, and the prose to check for typography. */
export function inspectMarkdown(source: string): { problems: MarkdownProblem[]; texts: MarkdownTextRun[] } {
  const problems: MarkdownProblem[] = [];
  const texts: MarkdownTextRun[] = [];
  const visit = (tokens: Token[], line: number): void => {
    for (const t of tokens) {
      const at = t.map?.[0] ?? line;
      if (t.type === 'html_block' || t.type === 'html_inline') {
        problems.push({ line: at, message: `raw HTML (${JSON.stringify(String(t.content).trim().slice(0, 40))}) is not allowed; write Markdown` });
      } else if (t.type === 'heading_open' && (t.tag === 'h1' || t.tag === 'h2')) {
        problems.push({ line: at, message: `a level ${t.tag.slice(1)} heading; headings inside a section start at ### (level 3)` });
      } else if (t.type === 'link_open' || t.type === 'image') {
        const url = String(t.attrGet(t.type === 'image' ? 'src' : 'href') ?? '');
        if (!isSafeUrl(url, t.type === 'image')) problems.push({ line: at, message: `unsafe ${t.type === 'image' ? 'image source' : 'link'} "${url}"; use an https:// URL${t.type === 'image' ? '' : ', a mailto: address or a relative path'}` });
      }
      if (t.type === 'inline' && t.children) {
        const text = t.children.filter((c) => c.type === 'text').map((c) => c.content).join('');
        if (text.trim()) texts.push({ line: at, text });
        visit(t.children, at);
      }
    }
  };
  visit(inspector.parse(source, {}), 0);
  return { problems, texts };
}

function isSafeUrl(url: string, image: boolean): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  if (!scheme) return !image && !url.trim().startsWith('//');
  return scheme === 'https' || scheme === 'http' || (!image && scheme === 'mailto');
}
