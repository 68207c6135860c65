/**
 * The commands as a user runs them: exit codes, messages and the summary line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

const TSX = join(REPO, 'node_modules/.bin/tsx');
const run = (cwd: string, script: string, ...args: string[]) => {
  const r = spawnSync(TSX, [join(REPO, 'scripts', `${script}.ts`), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

let project: ReturnType<typeof tempProject>;
beforeAll(() => {
  project = tempProject();
});
afterAll(() => project.cleanup());

describe('generate', () => {
  it('exits 0 and prints a summary line', () => {
    const r = run(project.root, 'generate');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^generate: 6 pages, 37 files in out\/ — 37 written, 0 unchanged, 0 pruned — \d+\.\d\d s\n$/);
    const again = run(project.root, 'generate');
    expect(again.stdout).toMatch(/— 0 written, 37 unchanged, 0 pruned \(no input changed since the last build\) —/);
  });

  it('is silent with --quiet', () => {
    const r = run(project.root, 'generate', '--quiet');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('builds only what --locale, --protocol and --format select, into --out', () => {
    const r = run(project.root, 'generate', '--locale', 'fr', '--protocol', 'sip', '--format', 'md', '--out', 'site');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 pages, 4 files in site\//);
    expect(existsSync(join(project.root, 'site/md/fr/sip/180-ringing-vs-401-unauthorized.md'))).toBe(true);
    expect(existsSync(join(project.root, 'site/md/en'))).toBe(false);
  });

  it('exits 2 on usage errors', () => {
    expect(run(project.root, 'generate', '--colour').code).toBe(2);
    expect(run(project.root, 'generate', '--format', 'pdf').stderr).toContain('unknown format "pdf"');
    expect(run(project.root, 'generate', '--locale', 'xx').stderr).toContain('unknown locale "xx"');
    expect(run(project.root, 'generate', '--out', 'data/out').stderr).toContain('inside data/');
    writeFileSync(join(project.root, 'a-file'), '');
    expect(run(project.root, 'generate', '--out', 'a-file').code).toBe(2);
  });

  it('prints usage with --help', () => {
    const r = run(project.root, 'generate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 data or template errors (nothing written), 2 usage, 3 I/O error.');
  });

  it('exits 1 with sorted file:line:col errors on bad data, and 0 warnings are not errors', () => {
    const bad = tempProject({ overlay: join(REPO, 'test/fixtures/bad/related-unknown') });
    try {
      const r = run(bad.root, 'generate');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'data/protocols/sip/codes/401.yaml:8:16 RELATED_UNKNOWN "related" names code 499, which does not exist in SIP\ngenerate: 1 error; nothing was written\n',
      );
      expect(existsSync(join(bad.root, 'out'))).toBe(false);
    } finally {
      bad.cleanup();
    }
  });

  it('exits 3 when the output folder cannot be written, and leaves it as it was', () => {
    const blocked = tempProject();
    try {
      expect(run(blocked.root, 'generate').code).toBe(0);
      // A file where the writer needs a folder, and no manifest: every page must be written again.
      rmSync(join(blocked.root, 'out/md'), { recursive: true });
      writeFileSync(join(blocked.root, 'out/md'), 'not a folder');
      rmSync(join(blocked.root, 'out/manifest.json'));
      const before = snapshotDir(blocked.outDir);
      const failed = run(blocked.root, 'generate');
      expect(failed.code).toBe(3);
      expect(failed.stderr).toMatch(/^generate: cannot write to out: a file is in the way .*; the previous output was left as it was\n$/);
      expect(snapshotDir(blocked.outDir)).toEqual(before);
    } finally {
      blocked.cleanup();
    }
  });
});

describe('validate and coverage', () => {
  it('validate exits 0 on good data and writes nothing', () => {
    const fresh = tempProject();
    try {
      const r = run(fresh.root, 'validate');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('validate: ok — 1 protocol(s), 3 codes, 2 locales, 6 pages\n');
      expect(existsSync(join(fresh.root, 'out'))).toBe(false);
    } finally {
      fresh.cleanup();
    }
  });

  it('coverage lists missing strings, and --strict turns them into exit 1', () => {
    const partial = tempProject({ overlay: join(REPO, 'test/fixtures/bad/string-missing-strict') });
    try {
      const total = checkProject(partial).coverage.find((c) => c.locale === 'fr')!.total;
      const r = run(partial.root, 'coverage');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`| fr | ${total - 4} / ${total} | ${((100 * (total - 4)) / total).toFixed(1)}% | 4 | 0 |`);
      expect(r.stdout).toContain('fr\tmissing\tprotocols.sip.codes.180.howToFix\tdata/locales/fr/protocols/sip/codes/180.yaml');
      expect(run(partial.root, 'coverage', '--strict').code).toBe(1);
      const gen = run(partial.root, 'generate');
      expect(gen.code).toBe(0);
      expect(gen.stderr).toContain(`STRING_MISSING (warning) 4 of ${total} strings are not translated`);
      expect(gen.stdout).toMatch(/^generate: 4 pages,/);
    } finally {
      partial.cleanup();
    }
  });
});

describe('i18n:accept', () => {
  it('refuses, with exit code 2, a key that no English string has, and writes nothing', () => {
    const state = join(project.root, 'data/locales/fr/translated-from.yaml');
    const before = existsSync(state) ? snapshotDir(join(project.root, 'data/locales/fr')).get('translated-from.yaml') : undefined;
    const r = run(project.root, 'i18n-accept', '--locale', 'fr', '--key', 'heading.nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no English string has the key "heading.nope"');
    expect(existsSync(state) ? snapshotDir(join(project.root, 'data/locales/fr')).get('translated-from.yaml') : undefined).toBe(before);
  });
});
