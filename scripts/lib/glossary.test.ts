import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from './diagnostics.ts';
import { checkGlossary } from './glossary.ts';
import type { StringTable } from './strings.ts';

const table = (entries: Record<string, string>): StringTable =>
  new Map(Object.entries(entries).map(([k, source]) => [k, { source, file: 'x.yaml', pos: { line: 1, col: 1 } }]));

function check(en: string, translation: string, keep: string[]): string[] {
  const bag = new DiagnosticBag();
  checkGlossary(table({ k: translation }), { strings: table({ k: en }) }, { keep, terms: {} }, [], bag);
  return bag.errors.map((d) => d.code);
}

describe('glossary tokens', () => {
  it('requires a kept token where the English has it', () => {
    expect(check('Send DATA again.', 'Renvoyez les données.', ['DATA'])).toEqual(['GLOSSARY_TOKEN']);
    expect(check('Send DATA again.', 'Renvoyez DATA.', ['DATA'])).toEqual([]);
  });

  it('does not find a token inside a longer identifier (DATA in DATA_LOSS), in English or in the translation', () => {
    expect(check('The call ends with DATA_LOSS.', 'L’appel se termine par DATA_LOSS.', ['DATA'])).toEqual([]);
  });

  it('accepts a token that starts a hyphenated compound, as German writes them', () => {
    expect(check('The OPT record.', 'Der OPT-Eintrag.', ['OPT'])).toEqual([]);
    expect(check('The OPT record.', 'Der XOPT-Eintrag.', ['OPT'])).toEqual(['GLOSSARY_TOKEN']);
  });
});
