/**
 * Escaping for the text formats. HTML escaping is Handlebars' own; Markdown needs
 * its own rules so that data can neither inject markup nor break the document.
 */

/** Characters that start inline Markdown constructs anywhere in a line. */
const INLINE = /[\\`*_[\]<>|~]/g;
/** Constructs that only matter at the start of a line or block. */
const BLOCK_START = /^(\s*)([#>+=-]|\d+[.)])/;

/** Escapes text for use inside a Markdown paragraph, heading, list item or table cell (line breaks become spaces, `|` is escaped). */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(INLINE, '\\$&')
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&')
    .replace(/---+/g, (m) => m.split('').join('\\'))
    .replace(BLOCK_START, (_m, space: string, mark: string) => `${space}${mark.replace(/([#>+=.)-])/, '\\$1')}`);
}

/** Markdown escaping for MDX, where `{` and `}` open and close JavaScript expressions (`<` is already escaped). */
export function escapeMdxInline(text: string): string {
  return escapeMarkdownInline(text).replace(/[{}]/g, '\\$&');
}

/**
 * Editors' Markdown for MDX: `{`, `}` and `<` outside code spans and fenced blocks are
 * escaped (MDX would read them as an expression or JSX); code is left as written.
 */
export function escapeMdxMarkdown(markdown: string): string {
  return markdown
    .split(/(`{3,}[\s\S]*?`{3,}|`+[^`]*`+)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[{}<]/g, '\\$&')))
    .join('');
}

/** A code span that holds any token, backticks included. */
export function markdownCode(token: string): string {
  const longest = Math.max(0, ...[...token.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = token.startsWith('`') || token.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${token.replace(/\r\n?|\n/g, ' ')}${pad}${fence}`;
}

/** Accepts only http(s) URLs and relative paths made of safe characters; encodes the rest. */
export function safeUrl(url: string): string {
  if (/^(https?:\/\/|\.{0,2}\/|[a-z0-9])/i.test(url) && !/^[a-z][a-z0-9+.-]*:/i.test(url.replace(/^https?:/i, ''))) {
    return encodeURI(url).replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  }
  throw new Error(`unsafe URL in output: ${url}`);
}
