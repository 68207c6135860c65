/**
 * Every paragraph of every translated page is in the page's language: a language
 * detector (franc) reads it with protocol tokens removed, and no paragraph may be
 * identical to the English one at the same place.
 */
import { francAll } from 'franc';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { fullBuild, type FullBuild } from './full-build.ts';

/** ISO 639-3 codes franc answers with, per locale folder. */
const EXPECTED: Record<string, string[]> = {
  fr: ['fra'],
  de: ['deu'],
  es: ['spa'],
  ja: ['jpn'],
  'zh-hans': ['cmn'],
  ar: ['arb'],
  hi: ['hin'],
  id: ['ind'],
  ko: ['kor'],
  'pt-br': ['por'],
  ru: ['rus'],
  th: ['tha'],
  tr: ['tur'],
  vi: ['vie'],
};
/** The detector chooses among English and the languages the site publishes. */
const CANDIDATES = ['eng', ...Object.values(EXPECTED).flat()];

let site: FullBuild;
let locales: string[];
let stopWords: RegExp;

beforeAll(() => {
  site = fullBuild();
  const data = site.check.data!;
  locales = data.locales.map((l) => l.id).filter((l) => l !== data.source.id);
  // Protocol tokens are the same in every language: reason phrases, header field names.
  const tokens = [
    ...data.protocols.flatMap((p) => p.codes.map((c) => c.reason)),
    ...data.protocols.flatMap((p) => p.protocol.dimensions.flatMap((d) => (d.kind === 'tokens' ? (d.values ?? []) : []))),
    // Method names and other tokens every glossary keeps as they are (INVITE, SUBSCRIBE, 100rel).
    ...data.locales.flatMap((l) => l.glossary?.keep ?? []),
  ].sort((a, b) => b.length - a.length);
  stopWords = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
});

/**
 * The prose paragraphs of a Markdown article: no headings, tables, lists, links or names (a
 * code's local name in italics, too short to tell a language by); Markdown
 * escapes and right-to-left isolates undone, so that reason phrases read as written
 * ("will forward to <forward-path>").
 */
function paragraphs(md: string): string[] {
  return matter(md)
    .content.split(/\n{2,}/)
    .map((p) => p.trim().replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1').replace(/[\u2068\u2069]/g, ''))
    .filter((p) => p && !/^(#|\||- |>)/.test(p) && !/^\*[^*]+\*$/.test(p));
}

const ENGLISH_WORD = /\b(?:the|and|is|are|of|to|a|an|for|with|that|this|not|be|it|from|by|on|in|when|which)\b/i;

/** Locales written in other scripts than Latin, where Latin text is only for protocol tokens. */
const NON_LATIN = new Set(['ja', 'zh-hans', 'ko', 'th', 'ar', 'hi', 'ru']);
const CJK = new Set(['ja', 'zh-hans']);

/** "" when the paragraph reads as the locale's language, "und" when it is too short to tell, else why not. */
function detect(locale: string, p: string): string {
  // Stored and printed in NFC, and no combining mark (Devanagari, Thai vowel signs) left without its base letter.
  if (p !== p.normalize('NFC') || /(^|[\s\p{P}])\p{M}/u.test(p)) return `broken combining mark: ${p}`;
  // Quoted reply texts ("Proceed with negotiation") are protocol text, as in the check above.
  const text = p.replace(stopWords, ' ').replace(/[「“"«][^」”"»]*[」”"»]/g, ' ').replace(/[`*_\\]|\b[A-Z]{2,}\b|\d+/g, ' ');
  // The page's language must score within 5% of the best (close languages such as Portuguese and
  // Spanish trade places on short paragraphs), and English must never score above it.
  const scores = francAll(text, { minLength: 40, only: CANDIDATES });
  if (scores[0]![0] === 'und') return 'und';
  const own = Math.max(...scores.filter(([l]) => EXPECTED[locale]!.includes(l)).map(([, s]) => s));
  const englishScore = scores.find(([l]) => l === 'eng')?.[1] ?? 0;
  // English may tie on a short phrase ("Action demandée non effectuée : fichier indisponible"), never win.
  return englishScore <= own && own >= 0.95 ? '' : `detected ${scores.slice(0, 3).map(([l, s]) => `${l} ${s.toFixed(2)}`).join(', ')}: ${p}`;
}

describe('language of translated pages', () => {
  it('keeps Latin script in prose of non-Latin scripts to protocol tokens: no run of English words', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const locale of locales.filter((l) => NON_LATIN.has(l))) {
      const seen = new Set<string>();
      for (const path of site.list(`md/${locale}/`, '.md')) {
        for (const p of paragraphs(site.read(path))) {
          // A code's texts appear on every page of the code: each distinct paragraph is read once.
          if (seen.has(p)) continue;
          seen.add(p);
          // Reason phrases and header names are names; glosses in brackets and quoted phrases are deliberate.
          const prose = p
            .replace(stopWords, ' ')
            .replace(/[（(][^（）()]*[)）]/g, ' ')
            .replace(/[「“"«][^」”"»]*[」”"»]/g, ' ');
          // A run of four or more Latin words with an English function word is English prose; a list of
          // protocol tokens ("tls, digest, ipsec-ike") is not.
          // Chinese and Japanese prose keeps even token lists in brackets or quotes: any run fails there.
          // Words with digits are tokens, not English ("h1,h2,h3,h4" in FTP 227's reply text).
          const words = (run: string) => run.split(/[ ,]+/).some((w) => /^[A-Za-z'’-]{2,}$/.test(w));
          const run = [...prose.matchAll(/(?:[A-Za-z][A-Za-z0-9'’-]*[ ,]+){3,}[A-Za-z][A-Za-z0-9'’-]*/g)].find((m) => words(m[0]) && (CJK.has(locale) || ENGLISH_WORD.test(m[0])));
          if (run) failures.push(`${path}: "${run[0]}" in ${p}`);
          checked++;
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('detects the page language in every paragraph, and never the English text', () => {
    let checked = 0;
    const counts = new Map<string, number>();
    const failures: string[] = [];
    for (const locale of locales) {
      const pages = site.list(`md/${locale}/`, '.md');
      expect(pages.length, locale).toBeGreaterThan(0);
      // A code's texts appear on every page of the code: each distinct paragraph is detected once.
      const verdicts = new Map<string, string>();
      for (const path of pages) {
        const english = new Set(paragraphs(site.read(path.replace(`md/${locale}/`, 'md/en/'))));
        for (const p of paragraphs(site.read(path))) {
          if (english.has(p)) failures.push(`${path}: identical to English: ${p}`);
          let verdict = verdicts.get(p);
          if (verdict === undefined) verdicts.set(p, (verdict = detect(locale, p)));
          if (verdict === 'und') continue;
          if (verdict) failures.push(`${path}: ${verdict}`);
          checked++;
          counts.set(locale, (counts.get(locale) ?? 0) + 1);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    for (const locale of locales) expect(counts.get(locale) ?? 0, locale).toBeGreaterThan(1000);
    console.log(`language check: ${[...counts].map(([l, n]) => `${l} ${n}`).join(', ')} paragraphs`);
  });
});
