/**
 * npm run new:code: the scaffold has every schema field, validates, refuses to run twice
 * or for an unknown protocol, and a build right after it works and writes nothing until
 * the code is filled in; then only the new pages and the pages that link to them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../scripts/lib/diagnostics.ts';
import { build, checkProject } from '../scripts/lib/pipeline.ts';
import { scaffoldCode, writeScaffold } from '../scripts/lib/scaffold.ts';
import { codeSchema, codeTextsSchema } from '../scripts/lib/schema.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

const projects: ReturnType<typeof tempProject>[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});

/** The mini project with a registry copy that also lists 403 (which has no file). */
function project() {
  const p = tempProject();
  projects.push(p);
  const codes = [
    [180, 'Ringing'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [407, 'Proxy Authentication Required'],
  ];
  writeFileSync(
    join(p.root, 'data/protocols/sip/registry.yaml'),
    `source: https://www.iana.org/assignments/sip-parameters/sip-parameters.xhtml#sip-parameters-7\nupdated: "2026-01-07"\nretrieved: "2026-11-26"\ncodes:\n${codes.map(([c, r]) => `  - { code: ${c}, reason: ${r}, rfcs: [3261] }`).join('\n')}\n`,
  );
  return p;
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('npm run new:code', () => {
  it('writes every field of the schema, with comments, the registry reason and untranslated stubs', () => {
    const p = project();
    const files = scaffoldCode(p, 'sip', '403');
    expect(files.map((f) => f.path)).toEqual([
      'data/protocols/sip/codes/403.yaml',
      'data/locales/en/protocols/sip/codes/403.yaml',
      'data/locales/fr/protocols/sip/codes/403.yaml',
    ]);
    writeScaffold(p.root, files);
    const code = read(p.root, files[0]!.path);
    expect(Object.keys(parse(code))).toEqual(Object.keys(codeSchema.shape));
    expect(parse(code)).toMatchObject({ code: 403, reason: 'Forbidden', definedIn: [{ rfc: 3261 }], draft: true, facts: null });
    // Every field is explained, and the facts the class does not give are listed with their values.
    expect(code).toContain(`# ${codeSchema.shape.related.description}`);
    expect(code).toMatch(/# sender: who sends it \(required; a list of values\)\.\n {2}# {3}uas \(user agent server \(UAS\)\)/);
    expect(code).toContain('# next: { value: FILL-IN');
    const en = parse(read(p.root, files[1]!.path));
    const fr = parse(read(p.root, files[2]!.path));
    // Every text but the equivalents' notes, which exist once the data declares equivalents.
    expect(Object.keys(en)).toEqual(Object.keys(codeTextsSchema.shape).filter((k) => k !== 'equivalents'));
    expect(en).toEqual({ name: 'Forbidden', description: null, whenYouSeeIt: null, howToFix: null, sendWhen: null });
    expect(Object.values(fr)).toEqual([null, null, null, null, null]);
    expect(read(p.root, files[2]!.path)).toContain('UNTRANSLATED');
  });

  it('validates right away, and coverage lists exactly the texts to write', () => {
    const p = project();
    writeScaffold(p.root, scaffoldCode(p, 'sip', '403'));
    const { bag, coverage } = checkProject(p);
    expect(bag.errors).toEqual([]);
    expect(bag.warnings.map((d) => `${d.file} ${d.code}`)).toEqual(
      expect.arrayContaining(['data/protocols/sip/codes/403.yaml CODE_DRAFT', 'data/protocols/sip/codes/403.yaml FACT_MISSING']),
    );
    const missing = Object.fromEntries(coverage.map((c) => [c.locale, c.missing]));
    const k = (f: string) => `protocols.sip.codes.403.${f}`;
    expect(missing.en).toEqual([k('description'), k('howToFix'), k('sendWhen'), k('whenYouSeeIt')]);
    expect(missing.fr).toEqual([k('description'), k('howToFix'), k('name'), k('sendWhen'), k('whenYouSeeIt')]);
  });

  it('refuses a code that exists, an unknown protocol, an unregistered code and one outside every class', () => {
    const p = project();
    writeScaffold(p.root, scaffoldCode(p, 'sip', '403'));
    const before = snapshotDir(join(p.root, 'data'));
    expect(() => scaffoldCode(p, 'sip', '403')).toThrow(/SIP 403 already exists: data\/protocols\/sip\/codes\/403.yaml/);
    expect(() => scaffoldCode(p, 'sip', '401')).toThrow(UsageError);
    expect(() => scaffoldCode(p, 'h323', '403')).toThrow(/unknown protocol "h323"; data\/protocols\/ has sip/);
    expect(() => scaffoldCode(p, 'sip', '404')).toThrow(/not in the registry copy/);
    expect(() => scaffoldCode(p, 'sip', '700')).toThrow(/outside every class/);
    expect(() => scaffoldCode(p, 'sip', '403', { reason: 'Verboten' })).toThrow(UsageError);
    expect(snapshotDir(join(p.root, 'data'))).toEqual(before);
  });

  it('without a registry copy, takes the reason phrase from --reason', () => {
    const p = tempProject();
    projects.push(p);
    expect(() => scaffoldCode(p, 'sip', '486')).toThrow(/--reason/);
    const files = scaffoldCode(p, 'sip', '486', { reason: 'Busy Here' });
    expect(parse(files[0]!.content)).toMatchObject({ code: 486, reason: 'Busy Here' });
  });

  it('a build right after works and writes nothing; once filled in, only the new pages and those that link to them', () => {
    const p = project();
    build(p);
    const before = snapshotDir(p.outDir);
    writeScaffold(p.root, scaffoldCode(p, 'sip', '403'));
    const draft = build(p);
    expect(draft.write.written).toEqual([]);
    expect(draft.warnings.some((d) => d.code === 'CODE_DRAFT')).toBe(true);

    // The editor fills in the facts and the English texts and removes the draft line.
    const code = read(REPO, 'data/protocols/sip/codes/403.yaml').replace(/^related: .*$/m, 'related: [401, 407]');
    writeFileSync(join(p.root, 'data/protocols/sip/codes/403.yaml'), code);
    writeFileSync(join(p.root, 'data/locales/en/protocols/sip/codes/403.yaml'), read(REPO, 'data/locales/en/protocols/sip/codes/403.yaml'));
    const filled = build(p);
    const after = snapshotDir(p.outDir);
    const added = [...after.keys()].filter((f) => !before.has(f) && f !== 'manifest.json');
    expect(added.filter((f) => f !== 'redirects.json').sort()).toEqual(
      ['180-ringing-vs-403-forbidden', '401-unauthorized-vs-403-forbidden', '403-forbidden-vs-407-proxy-authentication-required']
        .flatMap((s) => [`html/en/sip/${s}/index.html`, `json/en/sip/${s}.json`, `md/en/sip/${s}.md`])
        .concat('html/en/sip/403-forbidden/index.html') // the code's own page
        .sort(),
    );
    // French lacks the texts: no French page shows 403, and no French file changes.
    expect(filled.write.written.filter((f) => f.includes('/fr/'))).toEqual([]);
    expect(filled.warnings.some((d) => d.code === 'STRING_MISSING' && d.file.includes('/fr/'))).toBe(true);
    for (const f of filled.write.written.filter((x) => !added.includes(x) && x !== 'redirects.json')) {
      expect(f).not.toMatch(/\/fr\//);
      // Comparisons change only to link the new ones; index pages (home, protocol, sitemaps) list them.
      if (f.includes('-vs-')) expect(after.get(f)).toContain('403-forbidden');
    }
  });
});
