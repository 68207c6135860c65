/**
 * Inputs that are accepted (BOM, CRLF, NFD text), inputs refused without reading them
 * (huge files, symlinks out of data/), concurrent builds on one out/, and builds
 * killed at random moments.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../scripts/lib/diagnostics.ts';
import { build } from '../scripts/lib/pipeline.ts';
import { LOCK_NAME, OutputError } from '../scripts/lib/writer.ts';
import { errorKeys } from './bad-fixtures.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

const projects: ReturnType<typeof tempProject>[] = [];
const project = (options?: Parameters<typeof tempProject>[0]) => {
  const p = tempProject(options);
  projects.push(p);
  return p;
};
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});

const errorsOf = (p: ReturnType<typeof tempProject>) => {
  try {
    build(p);
    return [];
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return errorKeys(e.diagnostics);
  }
};

describe('accepted inputs', () => {
  it('reads files with a byte-order mark and CRLF line endings like any other', () => {
    const plain = project();
    build(plain);
    const bom = project({ overlay: join(REPO, 'test/fixtures/good/bom-crlf') });
    build(bom);
    expect(snapshotDir(bom.outDir)).toEqual(snapshotDir(plain.outDir));
  });

  it('normalizes text to NFC, so decomposed accents give the same pages', () => {
    const plain = project();
    build(plain);
    const nfd = project();
    const file = join(nfd.root, 'data/locales/fr/protocols/sip/codes/401.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').normalize('NFD'));
    build(nfd);
    expect(snapshotDir(nfd.outDir)).toEqual(snapshotDir(plain.outDir));
  });
});

describe('refused inputs', () => {
  it('refuses a 50 MB file by its size, without reading it', () => {
    const p = project();
    const file = join(p.root, 'data/protocols/sip/codes/401.yaml');
    writeFileSync(file, '');
    truncateSync(file, 50 * 1024 * 1024);
    const started = Date.now();
    expect(errorsOf(p)).toContain('data/protocols/sip/codes/401.yaml:1:1 FILE_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a symbolic link that leads out of data/', () => {
    const p = project();
    const outside = join(p.root, 'elsewhere.yaml');
    writeFileSync(outside, readFileSync(join(p.root, 'data/protocols/sip/codes/180.yaml')));
    rmSync(join(p.root, 'data/protocols/sip/codes/180.yaml'));
    symlinkSync(outside, join(p.root, 'data/protocols/sip/codes/180.yaml'));
    expect(errorsOf(p)).toContain('data/protocols/sip/codes/180.yaml:1:1 FILE_SYMLINK');
  });

  it('follows a symbolic link that stays inside data/', () => {
    const p = project();
    mkdirSync(join(p.root, 'data/shared'));
    const target = join(p.root, 'data/shared/180.yaml');
    writeFileSync(target, readFileSync(join(p.root, 'data/protocols/sip/codes/180.yaml')));
    rmSync(join(p.root, 'data/protocols/sip/codes/180.yaml'));
    symlinkSync(target, join(p.root, 'data/protocols/sip/codes/180.yaml'));
    expect(errorsOf(p)).toEqual([]);
  });
});

describe('one build at a time', () => {
  it('refuses to write while another live build holds the lock, and takes over a dead one', () => {
    const p = project();
    mkdirSync(p.outDir, { recursive: true });
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(p.outDir, LOCK_NAME), `${sleeper.pid}\n`);
      expect(() => build(p)).toThrow(OutputError);
      expect(() => build(p)).toThrow(`another build (process ${sleeper.pid}) is writing to`);
    } finally {
      sleeper.kill('SIGKILL');
    }
    // A lock whose process is gone, and the temporaries it left, are cleaned up.
    writeFileSync(join(p.outDir, LOCK_NAME), '999999\n');
    writeFileSync(join(p.outDir, 'redirects.json.tmp-999999'), '{"half');
    build(p);
    const files = [...snapshotDir(p.outDir).keys()];
    expect(files.some((f) => f.includes('.tmp-') || f.endsWith(LOCK_NAME))).toBe(false);
  });
});

describe('builds killed at random moments', () => {
  it('never leave a truncated file, and the next run ends with exactly the full output', () => {
    const reference = project({ dataFrom: REPO });
    build(reference, { locales: ['fr'], formats: ['md', 'json'] });
    const expected = snapshotDir(reference.outDir);

    const p = project({ dataFrom: REPO });
    // One process (node with tsx's loader), so that SIGKILL stops the build itself, not a wrapper.
    const node = process.execPath;
    const args = ['--import', pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href, join(REPO, 'scripts/generate.ts'), '--quiet', '--locale', 'fr', '--format', 'md,json'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let killed = 0;
    for (let i = 0; i < 20; i++) {
      if (i % 2 === 0) rmSync(p.outDir, { recursive: true, force: true });
      // Kill somewhere in the run: loading, rendering, writing temporaries or renaming.
      const delay = 300 + Math.floor(random() * 5500);
      const r = spawnSync(node, args, { cwd: p.root, timeout: delay, killSignal: 'SIGKILL' });
      if (r.signal === 'SIGKILL') killed++;
      for (const [path, content] of snapshotDir(p.outDir)) {
        if (/\.tmp-\d+$/.test(path) || path === LOCK_NAME || path === 'manifest.json') continue;
        expect(content, `run ${i}: ${path}`).toBe(expected.get(path));
      }
    }
    expect(killed).toBeGreaterThanOrEqual(15);
    const final = spawnSync(node, args, { cwd: p.root, encoding: 'utf8' });
    expect(final.status, final.stderr).toBe(0);
    expect(snapshotDir(p.outDir)).toEqual(expected);
    expect(readdirSync(p.outDir)).not.toContain(LOCK_NAME);
  }, 240_000);
});
