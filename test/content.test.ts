/**
 * Self-consistency of the bundled data: complete against the registry, every fact
 * sourced, header field names spelled as registered, no two codes described alike.
 */
import { describe, expect, it } from 'vitest';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { registrySchema } from '../scripts/lib/schema.ts';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, tempProject } from './project.ts';

const project = tempProject({ dataFrom: REPO });
const { data, bag } = checkProject(project, { strict: true });
project.cleanup();
const sip = data!.protocols.find((p) => p.id === 'sip')!;
const registry = registrySchema.parse(parse(readFileSync(join(REPO, 'data/protocols/sip/registry.yaml'), 'utf8')));

describe('bundled SIP data', () => {
  it('is valid with --strict, without warnings', () => {
    expect(bag.sorted()).toEqual([]);
  });

  it('has every code of the IANA registry copy, and nothing else', () => {
    expect(sip.codes.map((c) => c.code)).toEqual(registry.codes.map((r) => r.code));
    for (const r of registry.codes) {
      const c = sip.byCode.get(r.code)!;
      expect(c.reason, `${r.code}`).toBe(r.reason);
      expect(c.deprecated, `${r.code}`).toBe(r.deprecated);
      // The code is defined in one of the RFCs the registry names for it.
      expect(c.definedIn.some((d) => 'rfc' in d && r.rfcs.includes(d.rfc)), `${r.code} definedIn`).toBe(true);
    }
  });

  it('says what replaced each deprecated code', () => {
    for (const c of sip.codes.filter((x) => x.deprecated)) expect(c.replacedBy.length, `${c.code}`).toBeGreaterThan(0);
  });

  it('lists related codes for every code, each of which exists', () => {
    for (const c of sip.codes) {
      expect(c.related.length, `${c.code}`).toBeGreaterThan(0);
      for (const r of c.related) expect(sip.byCode.has(r), `${c.code} → ${r}`).toBe(true);
    }
  });

  it('gives every fact an RFC section', () => {
    for (const c of sip.codes) {
      for (const [dim, f] of Object.entries(c.effectiveFacts)) {
        expect('rfc' in f.ref || 'url' in f.ref, `${c.code} ${dim}`).toBe(true);
      }
    }
  });

  it('never describes two codes alike', () => {
    for (const locale of data!.locales) {
      const seen = new Map<string, number>();
      for (const c of sip.codes) {
        for (const field of ['description', 'whenYouSeeIt', 'howToFix', 'sendWhen']) {
          const text = locale.strings.get(`protocols.sip.codes.${c.code}.${field}`)?.source;
          if (!text) continue;
          expect(seen.get(text), `${locale.id} ${c.code}.${field}`).toBeUndefined();
          seen.set(text, c.code);
        }
      }
    }
  });

  it('spells header field names in every text exactly as the registry does', () => {
    const names = sip.protocol.dimensions.find((d) => d.id === 'headers')!.values!;
    const texts = data!.locales.flatMap((l) => [...l.strings.entries()].map(([k, e]) => [`${l.id}:${k}`, e.source] as const));
    // Names that are also English words (Contact, Allow, Require…) are left out: only compound names are unambiguous.
    for (const name of names.filter((n) => n.includes('-') || /[a-z][A-Z]/.test(n))) {
      const any = new RegExp(`(?<![\\p{L}\\d-])${name}(?![\\p{L}\\d-])`, 'giu');
      for (const [key, text] of texts) {
        // All lowercase is an option tag (Require: resource-priority), not a header field name.
        for (const m of text.matchAll(any)) if (m[0] !== m[0].toLowerCase()) expect(m[0], key).toBe(name);
      }
    }
  });
});
