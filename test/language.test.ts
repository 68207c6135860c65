/**
 * Every paragraph of every translated page is in the page's language: a language
 * detector (franc) reads it with protocol tokens removed, and no paragraph may be
 * identical to the English one at the same place.
 */
import { franc } from 'franc';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

/** ISO 639-3 codes franc answers with, per locale folder. */
const EXPECTED: Record<string, string[]> = { fr: ['fra'], de: ['deu'], es: ['spa'], ja: ['jpn'], 'zh-hans': ['cmn'] };
/** The detector chooses among English and the languages the site publishes. */
const CANDIDATES = ['eng', ...Object.values(EXPECTED).flat()];

let project: ReturnType<typeof tempProject>;
let files: Map<string, string>;
let locales: string[];
let stopWords: RegExp;

beforeAll(() => {
  project = tempProject({ dataFrom: REPO });
  build(project, { formats: ['md'] });
  files = snapshotDir(project.outDir);
  const { data } = checkProject(project);
  locales = data!.locales.map((l) => l.id).filter((l) => l !== data!.source.id);
  // Protocol tokens are the same in every language: reason phrases, header field names.
  const tokens = [
    ...data!.protocols.flatMap((p) => p.codes.map((c) => c.reason)),
    ...data!.protocols.flatMap((p) => p.protocol.dimensions.flatMap((d) => (d.kind === 'tokens' ? (d.values ?? []) : []))),
  ].sort((a, b) => b.length - a.length);
  stopWords = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
});
afterAll(() => project.cleanup());

/** The prose paragraphs of a Markdown article: no headings, tables, lists or links. */
function paragraphs(md: string): string[] {
  return matter(md)
    .content.split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(#|\||- |>)/.test(p));
}

/** Locales written in CJK scripts, where Latin text is only for protocol tokens. */
const CJK = new Set(['ja', 'zh-hans']);

describe('language of translated pages', () => {
  it('keeps Latin script in Chinese and Japanese prose to protocol tokens: no run of English words', () => {
    let checked = 0;
    for (const locale of locales.filter((l) => CJK.has(l))) {
      for (const [path, md] of files) {
        if (!path.startsWith(`md/${locale}/`)) continue;
        for (const p of paragraphs(md)) {
          // Reason phrases and header names are names; glosses in brackets and quoted phrases are deliberate.
          const prose = p
            .replace(stopWords, ' ')
            .replace(/[（(][^（）()]*[)）]/g, ' ')
            .replace(/[「“"][^」”"]*[」”"]/g, ' ');
          const run = /(?:[A-Za-z][A-Za-z0-9'’-]*[ ,]+){3,}[A-Za-z][A-Za-z0-9'’-]*/.exec(prose);
          expect(run?.[0], `${path}: ${p}`).toBeUndefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('detects the page language in every paragraph, and never the English text', () => {
    let checked = 0;
    const counts = new Map<string, number>();
    for (const locale of locales) {
      const pages = [...files.keys()].filter((k) => k.startsWith(`md/${locale}/`));
      expect(pages.length, locale).toBeGreaterThan(0);
      for (const path of pages) {
        const english = new Set(paragraphs(files.get(path.replace(`md/${locale}/`, 'md/en/'))!));
        for (const p of paragraphs(files.get(path)!)) {
          expect(english.has(p), `${path}: identical to English: ${p}`).toBe(false);
          const text = p.replace(stopWords, ' ').replace(/[`*_\\]|\b[A-Z]{2,}\b|\d+/g, ' ');
          const lang = franc(text, { minLength: 40, only: CANDIDATES });
          if (lang === 'und') continue;
          expect(EXPECTED[locale], `${path}: detected ${lang}: ${p}`).toContain(lang);
          checked++;
          counts.set(locale, (counts.get(locale) ?? 0) + 1);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    for (const locale of locales) expect(counts.get(locale) ?? 0, locale).toBeGreaterThan(1000);
    console.log(`language check: ${[...counts].map(([l, n]) => `${l} ${n}`).join(', ')} paragraphs`);
  });
});
