/**
 * Translator workflow: export the strings a locale lacks (or whose English changed)
 * as XLIFF 2.0, import a translated XLIFF file back into the locale's YAML files,
 * and record which English text each translation was made from.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseIcu } from '@formatjs/icu-messageformat-parser';
import { js2xliff, xliff2js, type XliffJs } from 'xliff';
import { parseDocument, stringify } from 'yaml';
import { computeCoverage, fileForKey, sourceHash } from './coverage.ts';
import { DataError, DiagnosticBag, START, UsageError, type Position } from './diagnostics.ts';
import { checkPlurals, checkTypography, placeholders, type StringTable } from './strings.ts';
import { checkGlossary } from './glossary.ts';
import { protocolTokens, type DataSet, type LocaleData } from './validate.ts';

export const STATE_FILE = 'translated-from.yaml';

/** The YAML path of a key inside the file `fileForKey` names. */
export function keyPath(key: string): string[] {
  const m = /^protocols\.[^.]+\.(?:codes\.[^.]+\.)?(.*)$/.exec(key);
  return (m ? m[1]! : key).split('.');
}

function localeOf(data: DataSet, id: string): LocaleData {
  const locale = data.locales.find((l) => l.id === id);
  if (!locale) throw new UsageError(`unknown locale "${id}"; data/site.yaml lists ${data.locales.map((l) => l.id).join(', ')}`);
  if (locale.id === data.source.id) throw new UsageError(`"${id}" is the source locale; there is nothing to translate`);
  return locale;
}

/** XLIFF 2.0 with one unit per missing or stale string (every string with `all`), grouped by file. */
export async function exportXliff(data: DataSet, localeId: string, all = false): Promise<{ xml: string; units: number }> {
  const locale = localeOf(data, localeId);
  const cov = computeCoverage(data).find((c) => c.locale === localeId)!;
  const stale = new Set(cov.stale);
  const keys = all ? [...data.source.strings.keys()].sort() : [...cov.missing, ...cov.stale].sort();
  const js: XliffJs = { sourceLanguage: data.source.info.tag, targetLanguage: locale.info.tag, resources: {} };
  for (const key of keys) {
    const file = fileForKey(locale.id, key);
    const existing = locale.strings.get(key)?.source;
    const note = !existing ? 'missing' : stale.has(key) ? 'stale: the English text changed after this was translated' : 'translated';
    (js.resources[file] ??= {})[key] = { source: data.source.strings.get(key)!.source, target: existing ?? '', note };
  }
  return { xml: `${await js2xliff(js)}\n`, units: keys.length };
}

/**
 * Reads a translated XLIFF file, checks every target (known key, ICU syntax, same
 * placeholders as English, the locale's typography and glossary) and, only if all are valid,
 * writes them into the locale's YAML files (comments and order are kept) and records
 * their English in translated-from.yaml. Empty targets are skipped.
 */
export async function importXliff(root: string, data: DataSet, localeId: string, xml: string, xlfFile: string): Promise<{ imported: number; files: string[] }> {
  const locale = localeOf(data, localeId);
  const bag = new DiagnosticBag();
  let js: XliffJs;
  try {
    js = await xliff2js(xml);
  } catch (e) {
    bag.error(xlfFile, START, 'XLIFF_INVALID', `not a readable XLIFF file: ${(e as Error).message.split('\n')[0]}`);
    throw new DataError(bag.sorted());
  }
  if (js.targetLanguage?.toLowerCase() !== locale.info.tag.toLowerCase()) {
    bag.error(xlfFile, START, 'XLIFF_INVALID', `the file's target language is "${js.targetLanguage}", not ${locale.info.tag}`);
  }
  const units = new Map<string, string>();
  const table: StringTable = new Map();
  for (const resource of Object.values(js.resources ?? {})) {
    for (const [key, unit] of Object.entries(resource)) {
      const target = typeof unit.target === 'string' ? unit.target.normalize('NFC').trim() : '';
      if (!target) continue;
      const pos = unitPosition(xml, key);
      const en = data.source.strings.get(key);
      if (!en?.ast) {
        bag.error(xlfFile, pos, 'STRING_UNKNOWN_KEY', `"${key}" does not exist in the source locale (${data.source.id})`);
        continue;
      }
      let ast: ReturnType<typeof parseIcu> | undefined;
      try {
        ast = parseIcu(target, { requiresOtherClause: true, ignoreTag: true });
        const want = [...placeholders(en.ast)].sort().join(', ');
        const have = [...placeholders(ast)].sort().join(', ');
        if (want !== have) bag.error(xlfFile, pos, 'ICU_PLACEHOLDERS', `"${key}": placeholders {${have}} differ from English {${want}}`);
      } catch (e) {
        bag.error(xlfFile, pos, 'ICU_SYNTAX', `"${key}": ICU MessageFormat syntax error (${(e as Error).message})`);
      }
      units.set(key, target);
      table.set(key, { source: target, file: xlfFile, pos, ast });
    }
  }
  checkTypography(table, locale.info.typography, bag);
  checkPlurals(table, locale.info.intl ?? locale.info.tag, bag);
  if (locale.glossary) checkGlossary(table, data.source, locale.glossary, protocolTokens(data.protocols), bag);
  if (bag.errors.length) throw new DataError(bag.sorted());

  const byFile = new Map<string, [string, string][]>();
  for (const [key, target] of [...units].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = fileForKey(locale.id, key);
    byFile.set(file, [...(byFile.get(file) ?? []), [key, target]]);
  }
  for (const [file, entries] of byFile) {
    const path = join(root, file);
    const doc = parseDocument(existsSync(path) ? readFileSync(path, 'utf8') : '{}');
    for (const [key, target] of entries) doc.setIn(keyPath(key), target);
    writeAtomic(path, doc.toString({ lineWidth: 100 }));
  }
  recordSources(root, data, locale, [...units.keys()]);
  return { imported: units.size, files: [...byFile.keys()].sort() };
}

/** Records the current English of the given keys (all translated keys by default) as what they were translated from. */
export function recordSources(root: string, data: DataSet, locale: LocaleData, keys?: string[]): number {
  const state = new Map(locale.translatedFrom);
  const chosen = keys ?? [...locale.strings.keys()].filter((k) => data.source.strings.has(k));
  for (const key of chosen) state.set(key, sourceHash(data.source.strings.get(key)!.source));
  const sorted = Object.fromEntries([...state].filter(([k]) => data.source.strings.has(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const header =
    '# For each translated string, a hash of the English text it was translated from.\n' +
    '# Written by npm run i18n:import and npm run i18n:accept; npm run coverage reports a\n' +
    '# translation as stale when its English text no longer has this hash.\n';
  writeAtomic(join(root, `data/locales/${locale.id}/${STATE_FILE}`), header + stringify(sorted, { lineWidth: 0 }));
  return chosen.length;
}

function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** Line and column of a unit's id in the XLIFF text, for error messages. */
function unitPosition(xml: string, key: string): Position {
  const at = xml.indexOf(`id="${key}"`);
  if (at < 0) return START;
  const before = xml.slice(0, at);
  const line = before.split('\n').length;
  return { line, col: at - before.lastIndexOf('\n') };
}
