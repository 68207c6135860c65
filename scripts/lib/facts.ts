/**
 * Fact comparison: which of a protocol's fact dimensions differ between two codes.
 * Pure data; the view model turns rows into localized text.
 */
import type { Dimension, Fact, Protocol, Reference } from './schema.ts';
import type { CodeEntry } from './validate.ts';

/** A fact as compared: a tokens fact a code does not state is "none", with no reference. */
export interface ComparedFact {
  value: Fact['value'];
  ref?: Reference;
}

export interface FactRow {
  dimension: Dimension;
  a: ComparedFact;
  b: ComparedFact;
  differs: boolean;
}

/**
 * One row per dimension both codes state. A tokens dimension a code does not state
 * counts as "none" (no header fields involved); an enum or set dimension only one
 * code states is not comparable and is left out.
 */
export function compareFacts(protocol: Protocol, a: CodeEntry, b: CodeEntry): FactRow[] {
  const rows: FactRow[] = [];
  for (const d of protocol.dimensions) {
    let fa: ComparedFact | undefined = a.effectiveFacts[d.id];
    let fb: ComparedFact | undefined = b.effectiveFacts[d.id];
    if (d.kind === 'tokens' && (fa || fb)) {
      fa ??= { value: [] };
      fb ??= { value: [] };
    }
    if (!fa || !fb) continue;
    rows.push({ dimension: d, a: fa, b: fb, differs: !sameValue(fa.value, fb.value) });
  }
  return rows;
}

function sameValue(x: string | string[], y: string | string[]): boolean {
  const norm = (v: string | string[]) => (Array.isArray(v) ? [...v].sort().join('\u0000') : v);
  return norm(x) === norm(y);
}

/** The first decisive dimension in which the two codes differ, in declared order. */
export function decisiveRow(rows: FactRow[]): FactRow | undefined {
  return rows.find((r) => r.differs && r.dimension.decisive);
}

/** Every reference a code relies on: its definition, then its facts, without duplicates. */
export function referencesOf(c: CodeEntry): Reference[] {
  return [...c.definedIn, ...Object.values(c.effectiveFacts).map((f) => f.ref)];
}
