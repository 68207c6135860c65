import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from './diagnostics.ts';
import { checkPlurals, checkTypography, isolateLtrRuns, Messages, placeholders, requiredPluralCategories, type StringTable } from './strings.ts';

const table = (entries: Record<string, string>): StringTable =>
  new Map(Object.entries(entries).map(([k, source]) => [k, { source, file: 'x.yaml', pos: { line: 1, col: 1 }, ast: parse(source) }]));

describe('placeholders', () => {
  it('collects arguments inside plural and select branches', () => {
    const ast = parse('{n, plural, one {# code: {a}} other {# codes: {a} and {b}}} {kind, select, x {{c}} other {}}');
    expect([...placeholders(ast)].sort()).toEqual(['a', 'b', 'c', 'kind', 'n']);
  });
});

describe('Messages', () => {
  it('formats plurals and selects per locale and folds source line breaks', () => {
    const m = new Messages('fr', table({ k: '{n, plural, one {# différence} other {# différences}}\n  {s, select, yes {oui} other {non}}' }));
    expect(m.format('k', { n: 1, s: 'yes' })).toBe('1 différence oui');
    expect(m.format('k', { n: 2, s: 'no' })).toBe('2 différences non');
  });

  it('keeps no-break spaces, which are part of the typography', () => {
    const m = new Messages('fr', table({ k: 'Titre\u00a0: {a}\u202f?' }));
    expect(m.format('k', { a: 'x' })).toBe('Titre\u00a0: x\u202f?');
  });

  it('lists in the locale style', () => {
    expect(new Messages('en', new Map()).list(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(new Messages('fr', new Map()).list(['a', 'b', 'c'])).toBe('a, b et c');
  });

  it('spaces Thai list words from Latin text and code spans (latinSpacing)', () => {
    const th = new Messages('th', new Map(), true);
    expect(th.list(['`4.2.1`', '`4.7.1`', '`5.1.1`'])).toBe('`4.2.1` `4.7.1` และ `5.1.1`');
    expect(th.list(['<code>A</code>', '<code>B</code>'])).toBe('<code>A</code> และ <code>B</code>');
  });

  it('isolates each left-to-right run whole, with the punctuation and brackets inside reason phrases', () => {
    const iso = (t: string) => isolateLtrRuns(t).replace(/\u2068/g, '[').replace(/\u2069/g, ']');
    expect(iso('الرد 150 File status okay; about to open data connection هو')).toBe('الرد [150 File status okay; about to open data connection] هو');
    expect(iso('الرد 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2) هو')).toBe('الرد [227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)] هو');
    expect(iso('الرد 257 "PATHNAME" created هو')).toBe('الرد [257 "PATHNAME" created] هو');
    // A bracket or full stop the Arabic text opened stays outside the run.
    expect(iso('(انظر RFC 3261 §21.4).')).toBe('(انظر [RFC 3261 §21.4]).');
    expect(iso('قبل 180 Ringing، ثم')).toBe('قبل [180 Ringing]، ثم');
  });

  it('throws on a key it does not have', () => {
    expect(() => new Messages('en', new Map()).format('nope')).toThrow(/missing/);
  });
});

describe('checkTypography', () => {
  it('flags a plain space before French high punctuation and after «', () => {
    const bag = new DiagnosticBag();
    checkTypography(table({ ok: 'a\u202f; b\u00a0: c\u202f?', bad: 'a ; b', quote: '« x\u202f»' }), { noBreakSpaceBefore: ':;?!»', cjk: false, latinSpacing: false, forbid: [] }, bag);
    expect(bag.items.map((d) => d.message)).toEqual([
      '"bad": a plain space precedes ";"; use a no-break space (U+202F narrow, or U+00A0)',
      '"quote": a plain space follows "«"; use a no-break space (U+202F or U+00A0)',
    ]);
  });
});

describe('checkTypography for CJK and quotes', () => {
  it('flags ASCII punctuation after CJK text, spaces between CJK characters and ASCII quotes', () => {
    const bag = new DiagnosticBag();
    const strings = table({
      ok: '{code}は暫定応答です。次に、最終応答を待ちます（INVITE の場合）。',
      comma: '暫定応答です,次',
      space: '暫定応答です。 次に待ちます',
      quote: 'Der "Proxy"',
    });
    checkTypography(strings, { noBreakSpaceBefore: '', cjk: true, latinSpacing: true, quotes: '„“', forbid: [] }, bag);
    expect(bag.items.map((d) => d.message)).toEqual([
      '"comma": ASCII "," after CJK text; use the full-width form',
      '"space": a space between CJK characters',
      '"quote": ASCII double quotes; this language quotes with „…“',
    ]);
  });
});

describe('checkTypography forbidden patterns', () => {
  it('reports the match and the locale\'s advice', () => {
    const bag = new DiagnosticBag();
    const forbid = [{ pattern: '\\((?:을|를|이|가|은|는)\\)', message: 'choose the particle in the message' }];
    checkTypography(table({ ok: '{code} 응답을 보냅니다', bad: '{code}을(를) 보냅니다' }), { noBreakSpaceBefore: '', cjk: false, latinSpacing: false, forbid }, bag);
    expect(bag.items.map((d) => d.message)).toEqual(['"bad": "(를)": choose the particle in the message']);
  });
});

describe('plural categories', () => {
  it('asks each language for the categories whole numbers reach', () => {
    expect(requiredPluralCategories('en', new Set())).toEqual(['one', 'other']);
    expect(requiredPluralCategories('fr', new Set())).toEqual(['one', 'other']);
    expect(requiredPluralCategories('ru', new Set())).toEqual(['few', 'many', 'one']);
    expect(requiredPluralCategories('ar', new Set([0]))).toEqual(['few', 'many', 'one', 'other', 'two']);
    expect(requiredPluralCategories('ja', new Set())).toEqual(['other']);
  });

  it('reports a Russian plural without few and many, and accepts a complete one', () => {
    const bag = new DiagnosticBag();
    checkPlurals(
      table({
        bad: '{n, plural, one {# отличие} other {# отличий}}',
        ok: '{n, plural, =0 {нет} one {# отличие} few {# отличия} many {# отличий} other {# отличия}}',
      }),
      'ru',
      bag,
    );
    expect(bag.items.map((d) => `${d.code} ${d.message}`)).toEqual(['ICU_PLURAL_CATEGORIES "bad": the plural of {n} needs the cases few, many in ru']);
  });
});
