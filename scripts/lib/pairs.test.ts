import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from './diagnostics.ts';
import { codeSlug, enumeratePairs, makePair } from './pairs.ts';
import type { CodeEntry, ProtocolData } from './validate.ts';

const code = (n: number, reason: string, related: number[] = []): CodeEntry =>
  ({ code: n, reason, related, classId: `${Math.floor(n / 100)}xx`, file: `${n}.yaml`, definedIn: [], facts: {}, effectiveFacts: {}, deprecated: false, replacedBy: [], equivalents: [], draft: false }) as CodeEntry;

describe('pairs', () => {
  it('slugs come from the English reason phrase', () => {
    expect(codeSlug(code(181, 'Call Is Being Forwarded'))).toBe('181-call-is-being-forwarded');
    expect(codeSlug(code(504, 'Server Time-out'))).toBe('504-server-time-out');
    expect(codeSlug(code(999, 'Ünïcode / ../ Ok?'))).toBe('999-unicode-ok');
  });

  it('puts the lower code first whatever the argument order, and names the reverse order', () => {
    const p = makePair('sip', code(401, 'Unauthorized'), code(180, 'Ringing'));
    expect(p).toMatchObject({ slug: '180-ringing-vs-401-unauthorized', reverseSlug: '401-unauthorized-vs-180-ringing', translationKey: 'sip-180-vs-401' });
  });

  const protocol = (codes: CodeEntry[]) => ({ id: 'sip', codes }) as unknown as ProtocolData;

  it('policy "all" gives every unordered pair once', () => {
    const codes = [code(100, 'Trying'), code(180, 'Ringing'), code(401, 'Unauthorized'), code(407, 'Proxy Authentication Required')];
    const pairs = enumeratePairs(protocol(codes), 'all', new DiagnosticBag());
    expect(pairs.map((p) => `${p.a.code}-${p.b.code}`)).toEqual(['100-180', '100-401', '100-407', '180-401', '180-407', '401-407']);
  });

  it('policy "related" keeps related pairs and pairs within a class', () => {
    const codes = [code(100, 'Trying'), code(180, 'Ringing'), code(401, 'Unauthorized', [407]), code(407, 'Proxy Authentication Required'), code(603, 'Decline', [180])];
    const pairs = enumeratePairs(protocol(codes), 'related', new DiagnosticBag());
    expect(pairs.map((p) => `${p.a.code}-${p.b.code}`)).toEqual(['100-180', '180-603', '401-407']);
  });

  it('reports two codes whose slugs collide', () => {
    const bag = new DiagnosticBag();
    const codes = [code(100, 'A'), code(100, 'A'), code(200, 'B')];
    enumeratePairs(protocol(codes), 'all', bag);
    expect(bag.errors.map((d) => d.code)).toContain('SLUG_COLLISION');
  });
});
