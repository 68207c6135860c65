import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { withFrontMatter } from './front-matter.ts';

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
});
