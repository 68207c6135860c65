/**
 * Glossary checks for a translation (data/locales/<l>/glossary.yaml):
 *   - a protocol token the English string has (method names, header field names)
 *     appears verbatim in the translation (GLOSSARY_TOKEN);
 *   - an English glossary term the English string has appears in one of its
 *     agreed forms in the translation (GLOSSARY_TERM).
 */
import type { DiagnosticBag } from './diagnostics.ts';
import type { Glossary } from './schema.ts';
import type { StringTable } from './strings.ts';

interface SourceTable {
  strings: StringTable;
}

export function checkGlossary(strings: StringTable, source: SourceTable, glossary: Glossary, protocolTokens: string[], bag: DiagnosticBag): void {
  const tokens = [...new Set([...glossary.keep, ...protocolTokens])].map((t) => [t, wordPattern(t, ''), tokenPattern(t)] as const);
  const terms = Object.entries(glossary.terms).map(([term, forms]) => [term, wordPattern(term, 'i'), (Array.isArray(forms) ? forms : [forms]).map((f) => f.toLowerCase())] as const);
  for (const [key, entry] of strings) {
    const en = source.strings.get(key)?.source;
    if (!en) continue;
    const text = entry.source;
    const lower = text.toLowerCase();
    for (const [token, pattern, inTranslation] of tokens) {
      if (pattern.test(en) && !inTranslation.test(text)) {
        bag.error(entry.file, entry.pos, 'GLOSSARY_TOKEN', `"${key}": "${token}" must appear as it is, as in the English text`);
      }
    }
    for (const [term, pattern, forms] of terms) {
      if (pattern.test(en) && !forms.some((f) => lower.includes(f))) {
        bag.error(entry.file, entry.pos, 'GLOSSARY_TERM', `"${key}": the English text says "${term}"; use the agreed translation (${forms.join(' / ')})`);
      }
    }
  }
}

/**
 * A Latin protocol token inside a translation: only Latin letters, digits, underscores and
 * hyphens count as word characters, so "INVITEを" (Japanese writes particles right after a
 * token) still matches; a hyphen after it may join a word, as German compounds do
 * ("OPT-Eintrag", "RCPT-Befehl"), but not another token part ("DATA_LOSS").
 */
function tokenPattern(token: string): RegExp {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_])`, 'u');
}

/**
 * A whole-word match: not preceded or followed by a letter, digit, underscore or hyphen
 * (the same word characters as tokenPattern, so "DATA" is not found in "DATA_LOSS").
 */
function wordPattern(word: string, flags: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, `u${flags}`);
}
