/**
 * Every broken fixture under test/fixtures/bad/ fails with exactly the errors its
 * expected.txt lists (file:line:col CODE), and writes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, DIAGNOSTIC_CODES } from '../scripts/lib/diagnostics.ts';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { BAD, errorKeys, runBadCase } from './bad-fixtures.ts';
import { REPO, tempProject } from './project.ts';

const cases = readdirSync(BAD).sort();

describe('broken fixtures', () => {
  it('has a case for each error the core issue names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', (name) => {
    const expected = readFileSync(join(BAD, name, 'expected.txt'), 'utf8').split('\n').filter(Boolean);
    expect(expected.length).toBeGreaterThan(0);
    const result = runBadCase(name);
    expect(result.threw).toBeInstanceOf(DataError);
    expect([...new Set(errorKeys(result.diagnostics))]).toEqual(expected);
    expect(result.outputFiles).toBe(0);
    // Not even an empty output folder is left behind.
    expect(result.outExists).toBe(false);
  });
});

describe('the mini fixture', () => {
  it('is valid, so every broken case differs from it only by its own files', () => {
    const project = tempProject();
    try {
      const { bag } = checkProject(project, { strict: true });
      expect(bag.sorted()).toEqual([]);
    } finally {
      project.cleanup();
    }
  });

  it('reports errors sorted by file, line, column', () => {
    const { diagnostics } = runBadCase('code-duplicate');
    const keys = diagnostics.map((d) => [d.file, d.line, d.col, d.code].join(':'));
    expect(keys).toEqual([...keys].sort());
  });
});

describe('error codes', () => {
  it('are each documented in the README', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const code of DIAGNOSTIC_CODES) expect(readme, code).toContain(`| \`${code}\` |`);
  });
});
