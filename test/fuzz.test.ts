/**
 * Property tests (fast-check): mutated data sets either build or fail with structured
 * diagnostics, never an uncaught exception; slugs are always safe path segments; text
 * from data never becomes markup. Fixed seed and bounded runs here; `npm run fuzz`
 * runs many more (FUZZ_RUNS).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, DIAGNOSTIC_CODES } from '../scripts/lib/diagnostics.ts';
import { codeSlug } from '../scripts/lib/pairs.ts';
import { build } from '../scripts/lib/pipeline.ts';
import type { CodeEntry } from '../scripts/lib/validate.ts';
import { MINI, snapshotDir, tempProject } from './project.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? dataFiles(p) : [p];
  });
}
const FILES = dataFiles(join(MINI, 'data')).map((p) => relative(MINI, p)).sort();

/** A mutation of one file's text: characters that matter to YAML, ICU and Markdown. */
const mutation = fc.record({
  file: fc.constantFrom(...FILES),
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete-line', 'duplicate-line', 'replace'),
  text: fc.oneof(
    fc.constantFrom(':', '-', '{', '}', "'", '"', '\t', '\n', '&a', '*a', '!!str', '#', '[', ']', '<b>', '{{x}}', '---', '\u200b', '__proto__: 1\n'),
    fc.string({ maxLength: 12 }),
  ),
});

function mutate(text: string, m: { at: number; kind: string; text: string }): string {
  const lines = text.split('\n');
  const line = m.at % Math.max(1, lines.length);
  switch (m.kind) {
    case 'delete-line':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'replace': {
      const i = m.at % Math.max(1, text.length);
      return text.slice(0, i) + m.text + text.slice(i + m.text.length);
    }
    default: {
      const i = m.at % Math.max(1, text.length);
      return text.slice(0, i) + m.text + text.slice(i);
    }
  }
}

describe('fuzzing', () => {
  it('mutated data either builds or fails with positioned diagnostics, leaving no output', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const p = tempProject();
        try {
          for (const m of mutations) {
            const path = join(p.root, m.file);
            writeFileSync(path, mutate(readFileSync(path, 'utf8'), m));
          }
          try {
            build(p);
          } catch (e) {
            if (!(e instanceof DataError)) throw e;
            expect(e.diagnostics.length).toBeGreaterThan(0);
            for (const d of e.diagnostics) {
              expect(DIAGNOSTIC_CODES).toContain(d.code);
              expect(d.line).toBeGreaterThanOrEqual(1);
              expect(d.col).toBeGreaterThanOrEqual(1);
              expect(d.file).not.toBe('');
            }
            expect(snapshotDir(p.outDir).size).toBe(0);
          }
        } finally {
          p.cleanup();
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('slugs are always safe path segments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 699 }), fc.string({ unit: 'binary', maxLength: 40 }), (n, reason) => {
        const slug = codeSlug({ code: n, reason } as CodeEntry);
        expect(slug).toMatch(/^\d{3}(-[a-z0-9]+)*$/);
      }),
      { numRuns: RUNS * 25, seed: SEED },
    );
  });

  it('text from data never becomes markup in HTML or Markdown', () => {
    const tag = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((t) => `fz-${t}`);
    fc.assert(
      fc.property(tag, fc.string({ maxLength: 20 }), (name, filler) => {
        const p = tempProject();
        try {
          const file = join(p.root, 'data/locales/en/protocols/sip/codes/401.yaml');
          const hostile = `<${name} onclick="x">${filler.replace(/[{}'\\]/g, '')}</${name}> [a](javascript:${name})`;
          writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: >-\n(  .*\n)+/m, `description: ${JSON.stringify(hostile)}\n`));
          build(p, { locales: ['en'], formats: ['md', 'html'] });
          for (const [path, content] of snapshotDir(p.outDir)) {
            // In Markdown the bracket is escaped (\<), which renders as text.
            expect(new RegExp(`(?<!\\\\)<${name}`).test(content), path).toBe(false);
            if (path.endsWith('.md')) expect(content, path).not.toContain(`[a](javascript`);
          }
        } finally {
          p.cleanup();
        }
      }),
      { numRuns: Math.max(10, RUNS / 2), seed: SEED },
    );
  });
});
