/**
 * The render worker pool and shards: a build on two worker threads is byte for byte the
 * one-thread build (files and manifest), a render error found by a worker is reported
 * exactly as in-process and leaves out/ as it was, and three shards merged are the full build.
 * A small synthetic project (12 codes, 2 locales: 132 pages) keeps this quick.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError, formatDiagnostic } from '../scripts/lib/diagnostics.ts';
import { MergeError, mergeShards } from '../scripts/lib/merge.ts';
import { build, defaultPaths, WORKER_THRESHOLD, type BuildOptions } from '../scripts/lib/pipeline.ts';
import { writeSyntheticProject } from '../scripts/lib/synthetic.ts';
import { BAD } from './bad-fixtures.ts';
import { REPO, snapshotDir } from './project.ts';

let root: string;
let locales: string[];
let reference: Map<string, string>;
const pool: BuildOptions = { workers: 2, workerThreshold: 0, waitForWorkers: true };
const paths = (out: string) => defaultPaths(root, out);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'codecompare-parallel-'));
  locales = writeSyntheticProject(REPO, root, 12, 2);
  build(paths('one'), { workers: 1 });
  reference = snapshotDir(join(root, 'one'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('worker pool', () => {
  it('writes the same bytes and manifest with two workers as with one', () => {
    const r = build(paths('two'), pool);
    expect(r.renderedByWorkers).toBeGreaterThan(0);
    expect(r.rendered).toBe(r.files);
    expect(reference.size).toBe(r.files + 1);
    expect(snapshotDir(join(root, 'two'))).toEqual(reference);
    // A rerun on the pool's output keeps everything.
    expect(build(paths('two'), pool).write.written).toEqual([]);
  });

  it('rebuilds on the pool as in-process: changed bytes written by the workers, the same bytes kept', () => {
    const ui = join(root, `data/locales/${locales[1]}/ui.yaml`);
    const before = readFileSync(ui, 'utf8');
    build(paths('inc'), pool);
    try {
      writeFileSync(ui, before.replace(/^(\s*whatItMeans: .*?)("?)$/m, '$1 ·$2'));
      const r = build(paths('inc'), pool);
      build(paths('inc-ref'), { workers: 1 });
      expect(snapshotDir(join(root, 'inc'))).toEqual(snapshotDir(join(root, 'inc-ref')));
      // The locale's JSON files were rendered again (by the workers) and kept: the heading is not in them.
      expect(r.renderedByWorkers).toBeGreaterThan(0);
      expect(r.write.written.length).toBeGreaterThan(0);
      expect(r.write.written.every((f) => f.split('/')[1] === locales[1] && !f.startsWith('json/'))).toBe(true);
      expect(r.rendered).toBeGreaterThan(r.write.written.length);
    } finally {
      writeFileSync(ui, before);
    }
  });

  it('stays in-process for a small build', () => {
    const r = build(paths('small'), { workers: 2 });
    expect(r.rendered).toBeLessThan(WORKER_THRESHOLD);
    expect(r.renderedByWorkers).toBe(0);
  });

  it('reports a template error found by a worker as in-process, and leaves out/ as it was', () => {
    const errorsOf = (options: BuildOptions): string[] => {
      try {
        build(paths('one'), options);
      } catch (e) {
        if (e instanceof DataError) return e.diagnostics.map(formatDiagnostic);
        throw e;
      }
      throw new Error('the build did not fail');
    };
    cpSync(join(BAD, 'template-render-field/templates'), join(root, 'templates'), { recursive: true });
    try {
      const inProcess = errorsOf({ workers: 1 });
      expect(inProcess.join('\n')).toMatch(/^templates\/html\/partials\/cell\.hbs:1:12 TEMPLATE_RENDER /m);
      expect(errorsOf(pool)).toEqual(inProcess);
      expect(snapshotDir(join(root, 'one'))).toEqual(reference);
      // A first build into an empty folder: the workers wrote the Markdown and JSON to temporary
      // files before the HTML failed; none is left behind.
      expect(() => build(paths('fresh'), pool)).toThrow(DataError);
      expect([...snapshotDir(join(root, 'fresh')).keys()]).toEqual([]);
    } finally {
      cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
    }
  });
});

describe('shards', () => {
  it('three shards merged are the full build, byte for byte', () => {
    const sizes = [1, 2, 3].map((i) => build(paths(`s${i}`), { workers: 1, shard: { index: i, count: 3 } }).write.written.length);
    expect(sizes.every((n) => n > 0)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBe(reference.size - 1);
    const r = mergeShards(join(root, 'merged'), [1, 2, 3].map((i) => join(root, `s${i}`)));
    expect(r.files).toBe(reference.size - 1);
    expect(snapshotDir(join(root, 'merged'))).toEqual(reference);
  });

  it('refuses a missing, repeated or tampered shard, and writes nothing', () => {
    const shard = (i: number) => join(root, `s${i}`);
    const problems = (dirs: string[]) => {
      try {
        mergeShards(join(root, 'refused'), dirs);
      } catch (e) {
        if (e instanceof MergeError) return e.problems.join('\n');
        throw e;
      }
      return '';
    };
    expect(problems([shard(1), shard(3)])).toBe('shard 2/3 is missing');
    expect(problems([shard(1), shard(2), shard(3), shard(3)])).toMatch(/^shard 3\/3 is given twice/);
    expect(problems([shard(1), join(root, 'one')])).toMatch(/its manifest is not a shard's/);
    const [path] = [...snapshotDir(shard(2)).keys()].filter((p) => p !== 'manifest.json');
    writeFileSync(join(shard(2), path!), 'tampered');
    expect(problems([shard(1), shard(2), shard(3)])).toMatch(/^1 file\(s\) missing or changed since their shard was built: /);
    expect(snapshotDir(join(root, 'refused')).size).toBe(0);
  });

  it('npm run merge exits 1 with a clear message when a shard is missing', () => {
    const r = spawnSync(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/merge.ts'), '--out', 'm', 's1', 's2'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('merge: shard 3/3 is missing\nmerge: nothing was written\n');
  });
});
