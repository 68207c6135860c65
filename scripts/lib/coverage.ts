/**
 * Translation coverage: which source strings each locale has, and which pages a
 * locale can therefore publish. A page is published in a locale only when every
 * string it needs exists there — never with English text filling the gaps.
 */
import { START, type DiagnosticBag } from './diagnostics.ts';
import { sha256 } from './hash.ts';
import type { DataSet, LocaleData } from './validate.ts';

export interface LocaleCoverage {
  locale: string;
  total: number;
  translated: number;
  /** Missing keys, sorted. */
  missing: string[];
  /** Translated keys whose English text changed since they were translated. */
  stale: string[];
  /** Translated keys with no record of the English they were translated from. */
  unverified: string[];
  /** Overrides (data/overrides/) another locale has and this one lacks: the files to write, sorted. */
  overridesMissing: string[];
}

/** A short, stable hash of an English source text (recorded in translated-from.yaml). */
export function sourceHash(text: string): string {
  return sha256(text.normalize('NFC')).slice(0, 12);
}

/**
 * Every key a locale needs: the source locale's strings, and the source strings left empty
 * (stubs of a new code), which every locale, the source included, still lacks.
 */
export function neededKeys(data: DataSet): string[] {
  const { source } = data;
  if (!source.untranslated.size) return [...source.strings.keys()];
  return [...new Set([...source.strings.keys(), ...source.untranslated])];
}

export function computeCoverage(data: DataSet): LocaleCoverage[] {
  const keys = neededKeys(data).sort();
  return data.locales.map((l) => {
    const missing = keys.filter((k) => !l.strings.has(k));
    const isSource = l.id === data.source.id;
    const present = isSource ? [] : keys.filter((k) => l.strings.has(k));
    const stale = present.filter((k) => l.translatedFrom.has(k) && l.translatedFrom.get(k) !== sourceHash(data.source.strings.get(k)!.source));
    const unverified = present.filter((k) => !l.translatedFrom.has(k));
    return { locale: l.id, total: keys.length, translated: keys.length - missing.length, missing, stale, unverified, overridesMissing: missingOverrides(data, l.id) };
  });
}

/** The override files other locales have for a pair and this locale does not. */
function missingOverrides(data: DataSet, locale: string): string[] {
  const out = new Set<string>();
  for (const o of data.overrides.all) {
    if (!data.overrides.get(locale, o.protocol, o.a, o.b)) out.add(`data/overrides/${o.protocol}/${o.a}-vs-${o.b}.${locale}.md`);
  }
  return [...out].sort();
}

/** Reports missing and stale strings: one warning per locale by default, one error per string with `strict`. */
export function reportMissing(coverage: LocaleCoverage[], strict: boolean, bag: DiagnosticBag, source?: string): void {
  for (const c of coverage) {
    if (strict) {
      for (const key of c.missing) bag.error(fileForKey(c.locale, key), START, 'STRING_MISSING', `"${key}" is not translated`);
      for (const key of c.stale) bag.error(fileForKey(c.locale, key), START, 'STRING_STALE', `"${key}" was translated from an older English text`);
      continue;
    }
    if (c.missing.length) {
      const state = c.locale === source ? 'not written yet' : 'not translated';
      bag.warning(`data/locales/${c.locale}/locale.yaml`, START, 'STRING_MISSING', `${c.missing.length} of ${c.total} strings are ${state}; pages that need them are not built in ${c.locale} (see npm run coverage)`);
    }
    if (c.stale.length) {
      bag.warning(`data/locales/${c.locale}/translated-from.yaml`, START, 'STRING_STALE', `${c.stale.length} translations were made from an older English text (see npm run coverage)`);
    }
  }
}

/** The file a key belongs in, for a locale. */
export function fileForKey(locale: string, key: string): string {
  const m = /^protocols\.([^.]+)\.(?:codes\.([^.]+)\.)?/.exec(key);
  if (!m) return `data/locales/${locale}/ui.yaml`;
  return m[2] ? `data/locales/${locale}/protocols/${m[1]}/codes/${m[2]}.yaml` : `data/locales/${locale}/protocols/${m[1]}/protocol.yaml`;
}

/** Whether a locale has every source string under the given key prefixes ("" = the ui table). */
export function hasAllStrings(data: DataSet, locale: LocaleData, group: 'ui' | { protocol: string; code?: number }): boolean {
  for (const key of neededKeys(data)) {
    const inGroup =
      group === 'ui'
        ? !key.startsWith('protocols.')
        : group.code === undefined
          ? key.startsWith(`protocols.${group.protocol}.`) && !key.startsWith(`protocols.${group.protocol}.codes.`)
          : key.startsWith(`protocols.${group.protocol}.codes.${group.code}.`);
    if (inGroup && !locale.strings.has(key)) return false;
  }
  return true;
}

export function formatCoverageTable(coverage: LocaleCoverage[]): string {
  const rows = coverage.map(
    (c) => `| ${c.locale} | ${c.translated} / ${c.total} | ${((100 * c.translated) / Math.max(1, c.total)).toFixed(1)}% | ${c.missing.length} | ${c.stale.length} | ${c.unverified.length} |`,
  );
  return ['| locale | strings | coverage | missing | stale | unverified |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
