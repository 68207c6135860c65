import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline, markdownCode, safeUrl } from './escape.ts';

describe('escapeMarkdownInline', () => {
  it('escapes inline constructs so data cannot add links, emphasis, HTML or table cells', () => {
    expect(escapeMarkdownInline('[x](javascript:alert(1)) *a* _b_ <script> a|b `c` ~d~')).toBe(
      '\\[x\\](javascript:alert(1)) \\*a\\* \\_b\\_ \\<script\\> a\\|b \\`c\\` \\~d\\~',
    );
  });

  it('neutralizes block starts and front-matter delimiters', () => {
    expect(escapeMarkdownInline('# title')).toBe('\\# title');
    expect(escapeMarkdownInline('1. item')).toBe('1\\. item');
    expect(escapeMarkdownInline('- item')).toBe('\\- item');
    expect(escapeMarkdownInline('---')).toBe('\\-\\-\\-');
    expect(escapeMarkdownInline('a\n---\nb')).toBe('a -\\-\\- b');
  });

  it('leaves ordinary prose alone, apostrophes and no-break spaces included', () => {
    const fr = 'L’appelant reçoit 401\u202f; il renvoie la requête (avec identifiants)\u00a0: c’est normal.';
    expect(escapeMarkdownInline(fr)).toBe(fr);
    expect(escapeMarkdownInline("the client's WWW-Authenticate header")).toBe("the client's WWW-Authenticate header");
  });

  it('escapes entity-like ampersands only', () => {
    expect(escapeMarkdownInline('AT&T &lt;b&gt;')).toBe('AT&T \\&lt;b\\&gt;');
  });
});

describe('markdownCode', () => {
  it('wraps tokens in a code span long enough for their backticks', () => {
    expect(markdownCode('Retry-After')).toBe('`Retry-After`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });
});

describe('safeUrl', () => {
  it('accepts http(s) URLs and relative slugs', () => {
    expect(safeUrl('https://www.rfc-editor.org/rfc/rfc3261#section-21.4.2')).toBe('https://www.rfc-editor.org/rfc/rfc3261#section-21.4.2');
    expect(safeUrl('180-ringing-vs-401-unauthorized')).toBe('180-ringing-vs-401-unauthorized');
    expect(safeUrl('https://example.org/a b(c)')).toBe('https://example.org/a%20b%28c%29');
  });

  it('refuses other schemes', () => {
    expect(() => safeUrl('javascript:alert(1)')).toThrow(/unsafe URL/);
    expect(() => safeUrl('data:text/html,x')).toThrow(/unsafe URL/);
  });
});

describe('escapeMdxMarkdown', () => {
  it('escapes braces and "<" in editors\' Markdown for MDX, not inside code', async () => {
    const { escapeMdxMarkdown } = await import('./escape.ts');
    expect(escapeMdxMarkdown('Use {x} when a < b, `{code}` and\n```\n{block}\n```')).toBe('Use \\{x\\} when a \\< b, `{code}` and\n```\n{block}\n```');
  });
});
