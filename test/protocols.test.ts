/**
 * The seven bundled protocols: each complete against its registry copy, its pairs chosen
 * by its own pair policy, its UI wording, and the equivalents across protocols, shown on
 * both codes' pages. The error paths of equivalents and of protocol UI messages run on a
 * copy of the real data with one file changed.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../scripts/lib/diagnostics.ts';
import { isRelatedPair } from '../scripts/lib/pairs.ts';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { registrySchema } from '../scripts/lib/schema.ts';
import { codePageView } from '../scripts/lib/site-views.ts';
import { buildArticle } from '../scripts/lib/view-model.ts';
import { renderArticle } from '../scripts/lib/render.ts';
import { parse } from 'yaml';
import { REPO, tempProject } from './project.ts';

const project = tempProject({ dataFrom: REPO });
const { data, bag, index } = checkProject(project, { formats: [] });
project.cleanup();
const protocol = (id: string) => data!.protocols.find((p) => p.id === id)!;
const en = () => data!.locales.find((l) => l.id === 'en')!;
const page = (p: string, a: number, b: number) => index!.pages.find((x) => x.locale.id === 'en' && x.protocol.id === p && x.pair.a.code === a && x.pair.b.code === b)!;

describe('bundled protocols', () => {
  it('has no data error', () => {
    expect(bag.errors.map(formatDiagnostic)).toEqual([]);
  });

  it.each(['sip', 'http', 'dns', 'grpc', 'websocket', 'smtp', 'ftp'])('%s has every code of its registry copy, with its name and deprecation', (id) => {
    const registry = registrySchema.parse(parse(readFileSync(join(REPO, `data/protocols/${id}/registry.yaml`), 'utf8')));
    const p = protocol(id);
    expect(p.codes.map((c) => c.code)).toEqual([...new Set(registry.codes.map((r) => r.code))]);
    for (const c of p.codes) {
      const rows = registry.codes.filter((r) => r.code === c.code);
      const row = rows.find((r) => r.reason === c.reason);
      expect(row, `${id} ${c.code} "${c.reason}"`).toBeDefined();
      expect(c.deprecated, `${id} ${c.code}`).toBe(row!.deprecated);
      // Defined in one of the RFCs the registry names for it (registries without RFCs: gRPC).
      const rfcs = rows.flatMap((r) => r.rfcs);
      if (rfcs.length) expect(c.definedIn.some((d) => 'rfc' in d && rfcs.includes(d.rfc)), `${id} ${c.code} definedIn`).toBe(true);
    }
  });

  it('keeps both registered meanings of a number the registry assigns twice (DNS 16)', () => {
    const registry = registrySchema.parse(parse(readFileSync(join(REPO, 'data/protocols/dns/registry.yaml'), 'utf8')));
    expect(registry.codes.filter((r) => r.code === 16).map((r) => r.reason)).toEqual(['BADVERS', 'BADSIG']);
    expect(protocol('dns').byCode.get(16)!.reason).toBe('BADVERS');
  });

  it('enumerates each protocol by its own pair policy', () => {
    const counts = Object.fromEntries(data!.protocols.map((p) => [p.id, index!.pairs.get(p.id)!.length]));
    expect(counts).toEqual({ dns: 98, ftp: 408, grpc: 136, http: 545, sip: 2775, smtp: 213, websocket: 112 });
    for (const pair of index!.pairs.get('http')!) expect(isRelatedPair(pair.a, pair.b), pair.slug).toBe(true);
  });

  it('says "replies" for SMTP and names each registry in its own words', () => {
    const m = en().messages;
    expect(m.formatFor('smtp', 'codePage.comparisons', { code: 550 })).toBe('Compare 550 with another reply');
    expect(m.formatFor('sip', 'codePage.comparisons', { code: 486 })).toBe('Compare 486 with another response');
    expect(m.formatFor('grpc', 'page.registry', { protocol: 'gRPC', date: 'x' })).toContain('statuscodes.md');
    expect(m.formatFor('http', 'page.registry', { protocol: 'HTTP', date: 'x' })).toContain('IANA HTTP Status Code Registry');
  });

  it('writes a deprecation without replacement as its own sentence (HTTP 510)', () => {
    const c = protocol('http').codes.find((x) => x.deprecated && x.replacedBy.length === 0)!;
    expect(c).toBeDefined();
    const other = protocol('http').codes.find((x) => x.code !== c.code && x.classId === c.classId)!;
    const [a, b] = c.code < other.code ? [c.code, other.code] : [other.code, c.code];
    const view = buildArticle(index!, page('http', a, b));
    const text = view.codes.find((x) => x.code === c.code)!.deprecated;
    expect(text).toBe(`${c.code} ${c.reason} is deprecated and should no longer be sent.`);
  });
});

describe('equivalents across protocols', () => {
  it('shows a declared equivalent on both codes, with the note of the declaring code', () => {
    // Declared once, on gRPC 14 (UNAVAILABLE) → HTTP 503.
    const grpc = buildArticle(index!, page('grpc', 4, 14)).equivalents;
    expect(grpc.map((e) => `${e.code} → ${e.other}`)).toContain('gRPC 14 UNAVAILABLE → HTTP 503 Service Unavailable');
    const http = buildArticle(index!, page('http', 502, 503)).equivalents;
    const back = http.find((e) => e.protocol === 'grpc' && e.otherCode === 14)!;
    expect(back.code).toBe('HTTP 503 Service Unavailable');
    expect(back.note).toBe(grpc.find((e) => e.otherCode === 503)!.note);
    expect(back.refs.length).toBeGreaterThan(0);
    // Sorted by protocol, then code; both codes of the page contribute.
    expect(http.map((e) => e.code.split(' ')[1])).toContain('502');
    expect(http.filter((e) => e.code.includes(' 503 ')).map((e) => e.protocol)).toEqual(['grpc', 'sip', 'smtp', 'websocket']);
  });

  it('lists equivalents on the code page, linked to the other code page', () => {
    const view = codePageView(index!, en(), protocol('sip'), protocol('sip').byCode.get(404)!);
    const http = view.equivalents.find((e) => e.protocol === 'http')!;
    expect(http.other).toBe('HTTP 404 Not Found');
    expect(http.href).toBe('../../http/404-not-found/');
  });

  it('is declared for at least 40 pairs of codes, each cited', () => {
    const declared = data!.protocols.flatMap((p) => p.codes.flatMap((c) => c.equivalents));
    expect(declared.length).toBeGreaterThanOrEqual(40);
    for (const e of declared) expect(e.refs.length).toBeGreaterThan(0);
  });
});

/**
 * Errors of a copy of the real data with one file replaced: "file:line:col CODE", leaving out
 * what follows in the translations (a note English no longer has is unknown in every locale).
 */
function errorsWith(file: string, edit: (text: string) => string): string[] {
  const p = tempProject({ dataFrom: REPO });
  try {
    // English only (and French when the file is French): a few seconds instead of fifteen locales.
    const locales = file.startsWith('data/locales/fr/') ? ['en', 'fr'] : ['en'];
    const site = join(p.root, 'data/site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^locales: \[.*\]$/m, `locales: [${locales.join(', ')}]`));
    for (const o of readdirSync(join(p.root, 'data/overrides/sip'))) if (!locales.some((l) => o.endsWith(`.${l}.md`))) rmSync(join(p.root, 'data/overrides/sip', o));
    const path = join(p.root, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    const translation = (e: string) => /^data\/locales\/(?!en\/)/.test(e) && !e.startsWith(`${file}:`);
    return checkProject(p, { formats: [] })
      .bag.errors.map((d) => formatDiagnostic(d).split(' ').slice(0, 2).join(' '))
      .filter((e) => !translation(e));
  } finally {
    p.cleanup();
  }
}

describe('equivalent and protocol wording errors', () => {
  const grpc14 = 'data/protocols/grpc/codes/14.yaml';
  const grpc14Text = 'data/locales/en/protocols/grpc/codes/14.yaml';
  const line = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('refuses an unknown protocol, an unknown code and a code of the same protocol', () => {
    const text = readFileSync(join(REPO, grpc14), 'utf8');
    const at = line(text, '- protocol: http');
    // The note written for HTTP 503 then belongs to no declared equivalent.
    const orphan = expect.stringMatching(/^data\/locales\/en\/protocols\/grpc\/codes\/14\.yaml:\d+:\d+ STRING_UNKNOWN_KEY$/);
    expect(errorsWith(grpc14, (t) => t.replace('- protocol: http\n    code: 503', '- protocol: htttp\n    code: 503'))).toEqual([`${grpc14}:${at}:5 EQUIVALENT_UNKNOWN`, orphan]);
    expect(errorsWith(grpc14, (t) => t.replace('code: 503', 'code: 599'))).toEqual([`${grpc14}:${at}:5 EQUIVALENT_UNKNOWN`, orphan]);
    expect(errorsWith(grpc14, (t) => t.replace('- protocol: http\n', '- protocol: grpc\n'))).toContain(`${grpc14}:${at}:5 EQUIVALENT_UNKNOWN`);
  });

  it('refuses the same equivalence declared on both sides', () => {
    const file = 'data/protocols/http/codes/503.yaml';
    const errors = errorsWith(file, (t) => `${t.trimEnd()}\n  - protocol: grpc\n    code: 14\n    refs: [{ rfc: 9110, section: "15.6.4" }]\n`);
    expect(errors.filter((e) => e.endsWith('EQUIVALENT_DUPLICATE'))).toHaveLength(1);
  });

  it('needs the English note of each declared equivalent, and refuses a note without one', () => {
    expect(errorsWith(grpc14Text, (t) => t.replace(/\nequivalents:\n {2}http-503: .*\n?/, '\n'))).toEqual([expect.stringMatching(/^data\/locales\/en\/protocols\/grpc\/codes\/14\.yaml:\d+:\d+ STRING_MISSING$/)]);
    const extra = errorsWith(grpc14Text, (t) => `${t.trimEnd()}\n  sip-503: "A note for an equivalent nobody declared."\n`);
    expect(extra).toEqual([expect.stringMatching(/grpc\/codes\/14\.yaml:\d+:\d+ STRING_UNKNOWN_KEY$/)]);
  });

  it('refuses a protocol UI message that replaces nothing or uses a placeholder the UI message lacks', () => {
    const file = 'data/locales/en/protocols/smtp/protocol.yaml';
    const text = readFileSync(join(REPO, file), 'utf8');
    const at = line(text, 'comparisons: "Compare {code} with another reply"');
    expect(errorsWith(file, (t) => t.replace('comparisons: "Compare {code} with another reply"', 'comparisons: "Compare {code} with another {protocol} reply"'))).toEqual([`${file}:${at}:18 ICU_PLACEHOLDERS`]);
    expect(errorsWith(file, (t) => t.replace('  codePage:\n    description:', '  codePages:\n    description:'))).toEqual([expect.stringMatching(/smtp\/protocol\.yaml:\d+:\d+ STRING_UNKNOWN_KEY$/), expect.stringMatching(/smtp\/protocol\.yaml:\d+:\d+ STRING_UNKNOWN_KEY$/)]);
  });
});

describe("a locale's own wording of a UI message for one protocol", () => {
  const file = 'data/locales/fr/protocols/sip/protocol.yaml';
  const withWording = (text: string) => (t: string) => `${t.trimEnd()}\nui:\n  heading:\n    whenToUse: "${text}"\n`;

  it('is used by templates on that protocol’s pages only, though English has none', () => {
    const p = tempProject({ dataFrom: REPO });
    try {
      const path = join(p.root, file);
      writeFileSync(path, withWording('Laquelle choisir, et quand')(readFileSync(path, 'utf8')));
      const check = checkProject(p, { formats: ['md'] });
      expect(check.bag.errors.map(formatDiagnostic)).toEqual([]);
      const fr = check.data!.locales.find((l) => l.id === 'fr')!;
      const page = check.index!.pages.find((x) => x.locale === fr && x.protocol.id === 'sip' && x.pair.a.code === 180 && x.pair.b.code === 401)!;
      const md = renderArticle('md', buildArticle(check.index!, page), fr.messages, check.templates);
      expect(md).toContain('## Laquelle choisir, et quand');
      expect(fr.messages.formatFor('http', 'heading.whenToUse')).not.toBe('Laquelle choisir, et quand');
    } finally {
      p.cleanup();
    }
  });

  it('may use only the placeholders of the UI message', () => {
    expect(errorsWith(file, withWording('Laquelle choisir pour {code}'))).toEqual([expect.stringMatching(/^data\/locales\/fr\/protocols\/sip\/protocol\.yaml:\d+:\d+ ICU_PLACEHOLDERS$/)]);
  });
});
