import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { withFrontMatter, yamlMapping } from './front-matter.ts';

/** Titles that break front matter written by concatenation. */
const HOSTILE = ['SIP 180 Ringing: "quoted" # not a comment', '- starts like a list item', '#hash first', 'a: b', '"fully quoted"', "it's", '---', '+++', 'line\nbreak', ' padded ', '{flow: map}', '[flow, seq]', '*alias', '&anchor', '!tag', '@at', '`tick`', '%percent', 'yes', 'null', '0123', '1e3', 'trailing\\'];

describe('front matter', () => {
  for (const format of ['yaml', 'toml'] as const) {
    it(`round-trips hostile titles exactly (${format}, read back by gray-matter)`, () => {
      for (const title of HOSTILE) {
        const data = { title, aliases: [`/${title}/`], params: { codes: [{ code: 180, reason: title }] } };
        const text = withFrontMatter(format, data, '# body\n');
        const parsed = format === 'yaml' ? matter(text) : matter(text, { language: 'toml', delimiters: '+++', engines: { toml: (s: string) => parseToml(s) as object } });
        expect(parsed.data, `${format}: ${JSON.stringify(title)}`).toEqual(data);
        expect(parsed.content).toBe('\n# body\n');
      }
    });
  }

  it('writes a mapping pair by pair exactly as the library writes it whole, and reuses repeated pairs', () => {
    const alternates = Object.fromEntries(['en', 'fr', 'ja'].map((l) => [l, `https://example.org/${l}/sip/180-ringing-vs-401-unauthorized/`]));
    for (const title of HOSTILE) {
      const data = { title, description: `${title} ${title}`, lang: 'fr', codes: [180, 401], empty: [], none: {}, skipped: undefined, nested: { a: [{ b: title }] }, alternates, aliases: [`/${title}/`] };
      // Twice: the second time the repeated pairs come from the cache.
      expect(yamlMapping(data)).toBe(stringify(data, { lineWidth: 0 }));
      expect(yamlMapping(data)).toBe(stringify(data, { lineWidth: 0 }));
    }
    for (const other of [{}, { only: undefined }, [1, 2], 'text', 3, null]) expect(yamlMapping(other)).toBe(stringify(other, { lineWidth: 0 }));
  });
});
