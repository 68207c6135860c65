/**
 * Incremental and safe writes: a no-op rerun writes nothing, an added code writes
 * exactly the files whose bytes change, removed codes are pruned, files the
 * generator does not own survive, and a failed run leaves out/ as it was.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../scripts/lib/diagnostics.ts';
import { build } from '../scripts/lib/pipeline.ts';
import { FINGERPRINT_NAME, OutputError } from '../scripts/lib/writer.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

const projects: ReturnType<typeof tempProject>[] = [];
const project = () => {
  const p = tempProject();
  projects.push(p);
  return p;
};
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});

/** Adds code 183 (from the real data) to a project. */
function addCode183(root: string): void {
  copyFileSync(join(REPO, 'data/protocols/sip/codes/183.yaml'), join(root, 'data/protocols/sip/codes/183.yaml'));
  for (const l of ['en', 'fr']) {
    copyFileSync(join(REPO, `data/locales/${l}/protocols/sip/codes/183.yaml`), join(root, `data/locales/${l}/protocols/sip/codes/183.yaml`));
  }
  // The mini fixture has neither 100 nor 180's other relations: keep only codes it has.
  const file = join(root, 'data/protocols/sip/codes/183.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^related: .*$/m, 'related: [180]'));
}

describe('incremental builds', () => {
  it('a rerun with no change writes no file', () => {
    const p = project();
    const first = build(p);
    expect(first.write.written.length).toBe(first.files);
    const second = build(p);
    expect(second.write.written).toEqual([]);
    expect(second.write.unchanged).toBe(first.files);
    expect(second.write.pruned).toEqual([]);
    // Decided from input hashes: nothing was even rendered again.
    expect(second.rendered).toBe(0);
  });

  it('recognises a rebuild with nothing changed from its input fingerprint, and nothing else', () => {
    const p = project();
    const first = build(p);
    expect(first.upToDate).toBe(false);
    const again = build(p);
    expect(again.upToDate).toBe(true);
    expect([again.pages, again.files, again.write.unchanged, again.write.written.length]).toEqual([first.pages, first.files, first.files, 0]);
    // Options that shape the output are part of it; the number of threads is not.
    expect(build(p, { workers: 2 }).upToDate).toBe(true);
    expect(build(p, { locales: ['fr'] }).upToDate).toBe(false);
    expect(build(p).upToDate).toBe(false);
    expect(build(p).upToDate).toBe(true);
    // A comment in a data file: another fingerprint; decided file by file, nothing is written.
    const file = join(p.root, 'data/protocols/sip/codes/180.yaml');
    writeFileSync(file, `# a comment\n${readFileSync(file, 'utf8')}`);
    const commented = build(p);
    expect([commented.upToDate, commented.write.written.length]).toEqual([false, 0]);
    expect(build(p).upToDate).toBe(true);
    // A deleted output file is written again.
    const html = [...snapshotDir(p.outDir).keys()].find((f) => f.endsWith('/index.html') && f.includes('-vs-'))!;
    rmSync(join(p.outDir, html));
    const restored = build(p);
    expect([restored.upToDate, restored.write.written]).toEqual([false, [html]]);
  });

  it('records no fingerprint after a build with warnings, so that they are reported again', () => {
    const p = project();
    // A French code text left untranslated: its pages are not published, with a warning.
    const file = join(p.root, 'data/locales/fr/protocols/sip/codes/407.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name:'));
    const first = build(p);
    expect(first.warnings.length).toBeGreaterThan(0);
    expect(existsSync(join(p.outDir, FINGERPRINT_NAME))).toBe(false);
    const again = build(p);
    expect(again.upToDate).toBe(false);
    expect(again.warnings).toEqual(first.warnings);
  });

  it('after adding a code, writes exactly the new and changed files', () => {
    const p = project();
    build(p);
    const before = snapshotDir(p.outDir);
    addCode183(p.root);
    const result = build(p);
    const after = snapshotDir(p.outDir);

    const fresh = project();
    addCode183(fresh.root);
    build(fresh);
    expect(after).toEqual(snapshotDir(fresh.outDir));

    const changed = [...after.keys()].filter((k) => k !== 'manifest.json' && before.get(k) !== after.get(k)).sort();
    expect([...result.write.written].sort()).toEqual(changed);
    // 3 codes → 3 pairs; 4 codes → 6 pairs: 3 new pages per locale and format, and the code's own page per locale.
    expect(changed.filter((k) => k.includes('183-session-progress') && k.includes('-vs-'))).toHaveLength(3 * 2 * 3);
    expect(changed.filter((k) => k.includes('183-session-progress') && !k.includes('-vs-'))).toEqual(['html/en/sip/183-session-progress/index.html', 'html/fr/sip/183-session-progress/index.html']);
    expect(result.write.unchanged).toBeGreaterThan(0);
  });

  it('after a template change, renders again only the files of that format', () => {
    const p = project();
    const first = build(p);
    const template = join(p.root, 'templates/md/article.hbs');
    writeFileSync(template, readFileSync(template, 'utf8').replace('# {{md title}}', '# {{md title}}\n'));
    const second = build(p);
    const pages = first.pages;
    expect(second.rendered).toBe(pages);
    expect(second.write.written.every((f) => f.startsWith('md/'))).toBe(true);
    expect(second.write.written).toHaveLength(pages);
  });

  it('after a change to one locale string, renders again only that locale', () => {
    const p = project();
    const first = build(p);
    const ui = join(p.root, 'data/locales/fr/ui.yaml');
    writeFileSync(ui, readFileSync(ui, 'utf8').replace('keyDifferences: "Principales différences"', 'keyDifferences: "Différences principales"'));
    const second = build(p);
    // Only French pages are rendered again; the heading is read by the templates, so
    // French Markdown and HTML change while French JSON keeps its bytes. The French site
    // pages (home, protocol, code pages) print French messages too: rendered, unchanged.
    const frPages = first.pages / 2;
    const frSitePages = [...snapshotDir(p.outDir).keys()].filter((f) => f.startsWith('html/fr/')).length - frPages;
    expect(frSitePages).toBeGreaterThan(0);
    expect(second.rendered).toBe(frPages * 3 + frSitePages);
    expect(second.write.written).toHaveLength(frPages * 2);
    expect(second.write.written.every((f) => f.split('/')[1] === 'fr' && !f.startsWith('json/'))).toBe(true);
  });

  it('after a change to a heading the code pages print, rewrites them as a fresh build would', () => {
    const p = project();
    build(p);
    const fresh = project();
    for (const root of [p.root, fresh.root]) {
      const ui = join(root, 'data/locales/fr/ui.yaml');
      writeFileSync(ui, readFileSync(ui, 'utf8').replace('whatItMeans: "Signification"', 'whatItMeans: "Ce que signifie le code"'));
    }
    const result = build(p);
    build(fresh);
    expect(snapshotDir(p.outDir)).toEqual(snapshotDir(fresh.outDir));
    expect(result.write.written.some((f) => /^html\/fr\/sip\/\d+-[^/]*\/index\.html$/.test(f) && !f.includes('-vs-'))).toBe(true);
  });

  it('after edits to code data and texts, ends with exactly what a fresh build gives', () => {
    const p = project();
    build(p);
    const edits: [string, (s: string) => string][] = [
      // 180 now lists 401 as related: pages that show 180's related comparisons change.
      ['data/protocols/sip/codes/180.yaml', (s) => s.replace(/^related: .*$/m, 'related: [401, 407]')],
      // A French code text: only French pages with 407 change.
      ['data/locales/fr/protocols/sip/codes/407.yaml', (s) => s.replace(/^name: .*$/m, 'name: Authentification par proxy requise')],
    ];
    const fresh = project();
    for (const [file, edit] of edits) {
      for (const root of [p.root, fresh.root]) writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
    }
    const result = build(p);
    build(fresh);
    expect(snapshotDir(p.outDir)).toEqual(snapshotDir(fresh.outDir));
    expect(result.rendered).toBeLessThan(result.files);
  });

  it('prunes the files of a removed code, and only files it owns', () => {
    const p = project();
    addCode183(p.root);
    build(p);
    mkdirSync(join(p.outDir, 'md/en/sip'), { recursive: true });
    writeFileSync(join(p.outDir, 'md/en/sip/notes-by-hand.md'), 'keep me');
    writeFileSync(join(p.outDir, 'CNAME'), 'codecompare.dev');
    rmSync(join(p.root, 'data/protocols/sip/codes/183.yaml'));
    for (const l of ['en', 'fr']) rmSync(join(p.root, `data/locales/${l}/protocols/sip/codes/183.yaml`));
    const result = build(p);
    // Its 3 comparisons per locale and format, and its code page per locale.
    expect(result.write.pruned).toHaveLength(3 * 2 * 3 + 2);
    expect(result.write.pruned.every((f) => f.includes('183-session-progress'))).toBe(true);
    const files = snapshotDir(p.outDir);
    expect([...files.keys()].some((k) => k.includes('183'))).toBe(false);
    expect(files.get('md/en/sip/notes-by-hand.md')).toBe('keep me');
    expect(files.get('CNAME')).toBe('codecompare.dev');
  });

  it('with --locale, leaves the other locales and their manifest entries alone', () => {
    const p = project();
    build(p);
    const before = snapshotDir(p.outDir);
    const result = build(p, { locales: ['fr'], formats: ['md'] });
    expect(result.write.written).toEqual([]);
    expect(result.write.pruned).toEqual([]);
    expect(snapshotDir(p.outDir)).toEqual(before);
  });
});

describe('failed runs leave out/ untouched', () => {
  it('on a data error', () => {
    const p = project();
    build(p);
    const before = snapshotDir(p.outDir);
    addCode183(p.root);
    writeFileSync(join(p.root, 'data/protocols/sip/codes/401.yaml'), 'code: 401\nreason: [\n');
    expect(() => build(p)).toThrow(DataError);
    expect(snapshotDir(p.outDir)).toEqual(before);
  });

  it('on a disk-full error in the middle of writing', () => {
    const p = project();
    build(p);
    const before = snapshotDir(p.outDir);
    addCode183(p.root);
    let n = 0;
    const writeFile = (path: string, content: string) => {
      if (++n === 5) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      writeFileSync(path, content);
    };
    expect(() => build(p, { writeFile })).toThrow(OutputError);
    expect(() => build(p, { writeFile: () => { throw Object.assign(new Error('x'), { code: 'ENOSPC' }); } })).toThrow(/disk is full/);
    expect(snapshotDir(p.outDir)).toEqual(before);
  });

  it('on a permission error', () => {
    const p = project();
    build(p);
    const before = snapshotDir(p.outDir);
    addCode183(p.root);
    const denied = (path: string) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES', path });
    };
    expect(() => build(p, { writeFile: denied })).toThrow(/^cannot write to .*: permission denied \(.*\); the previous output was left as it was$/);
    expect(snapshotDir(p.outDir)).toEqual(before);
  });
});
