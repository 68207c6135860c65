/**
 * Equivalents across protocols (SIP 404 ↔ HTTP 404): a code's data declares the nearest codes
 * of other protocols, once per pair of codes; both codes' pages show the equivalence, with the
 * note the declaring code's texts give (`equivalents.<protocol>-<code>`).
 */
import { START, type DiagnosticBag } from './diagnostics.ts';
import type { Reference } from './schema.ts';
import type { CodeEntry, ProtocolData } from './validate.ts';
import type { YamlFile } from './yaml-file.ts';

export interface Equivalent {
  /** The code whose page shows the equivalence. */
  code: CodeEntry;
  other: { protocol: ProtocolData; code: CodeEntry };
  /** The string key of the note, under the declaring code's texts. */
  noteKey: string;
  refs: Reference[];
}

/** The string key of the note a code gives for one of its declared equivalents. */
export const equivalentKey = (protocol: string, code: number, other: string, otherCode: number): string =>
  `protocols.${protocol}.codes.${code}.equivalents.${other}-${otherCode}`;

/** Equivalents of every code, both directions, by "protocol/code", sorted by protocol then code. */
export function indexEquivalents(protocols: ProtocolData[]): Map<string, Equivalent[]> {
  const out = new Map<string, Equivalent[]>();
  const add = (p: ProtocolData, c: CodeEntry, e: Equivalent['other'], noteKey: string, refs: Reference[]) => {
    const key = `${p.id}/${c.code}`;
    out.set(key, [...(out.get(key) ?? []), { code: c, other: e, noteKey, refs }]);
  };
  for (const p of protocols) {
    for (const c of p.codes) {
      for (const e of c.equivalents) {
        const q = protocols.find((x) => x.id === e.protocol);
        const d = q?.byCode.get(e.code);
        if (!q || !d) continue;
        const noteKey = equivalentKey(p.id, c.code, q.id, d.code);
        add(p, c, { protocol: q, code: d }, noteKey, e.refs);
        add(q, d, { protocol: p, code: c }, noteKey, e.refs);
      }
    }
  }
  for (const list of out.values()) list.sort((x, y) => (x.other.protocol.id < y.other.protocol.id ? -1 : x.other.protocol.id > y.other.protocol.id ? 1 : x.other.code.code - y.other.code.code));
  return out;
}

/**
 * Each declared equivalent names a code of another protocol, and each pair of codes is
 * declared once (on either side), so that one note describes it.
 */
export function checkEquivalents(protocols: ProtocolData[], files: Map<string, YamlFile>, bag: DiagnosticBag): void {
  const declared = new Map<string, string>();
  for (const p of protocols) {
    for (const c of p.codes) {
      const yf = files.get(c.file);
      c.equivalents.forEach((e, i) => {
        const at = yf?.pos(['equivalents', i]) ?? START;
        const q = protocols.find((x) => x.id === e.protocol);
        if (!q) {
          bag.error(c.file, at, 'EQUIVALENT_UNKNOWN', `protocol "${e.protocol}" does not exist (data/protocols/ has ${protocols.map((x) => x.id).join(', ')})`);
        } else if (q.id === p.id) {
          bag.error(c.file, at, 'EQUIVALENT_UNKNOWN', `an equivalent is a code of another protocol; ${p.protocol.name} ${e.code} is a comparison, not an equivalent`);
        } else if (!q.byCode.has(e.code)) {
          if (!q.broken.has(e.code)) bag.error(c.file, at, 'EQUIVALENT_UNKNOWN', `${q.protocol.name} has no code ${e.code}`);
        } else {
          const pairKey = [`${p.id}/${c.code}`, `${q.id}/${e.code}`].sort().join(' ');
          const first = declared.get(pairKey);
          if (first) bag.error(c.file, at, 'EQUIVALENT_DUPLICATE', `${p.protocol.name} ${c.code} ↔ ${q.protocol.name} ${e.code} is already declared in ${first}; declare it once, both pages show it`);
          else declared.set(pairKey, c.file);
        }
      });
    }
  }
}
