/**
 * Specification references: stable URLs, localized labels and a deterministic order.
 */
import type { Reference } from './schema.ts';
import type { Messages } from './strings.ts';

export interface ReferenceView {
  label: string;
  url: string;
}

export function referenceUrl(ref: Reference): string {
  if ('url' in ref) return ref.url;
  const base = `https://www.rfc-editor.org/rfc/rfc${ref.rfc}`;
  if (!ref.section) return base;
  return /^[A-Z]/.test(ref.section) ? `${base}#appendix-${ref.section}` : `${base}#section-${ref.section}`;
}

/** Long form for reference lists: "RFC 3261, section 21.4.2". */
export function referenceLabel(ref: Reference, messages: Messages): string {
  if ('url' in ref) return ref.section ? messages.format('reference.docSection', { doc: ref.doc, section: ref.section }) : ref.doc;
  return ref.section ? messages.format('reference.rfcSection', { rfc: ref.rfc, section: ref.section }) : messages.format('reference.rfc', { rfc: ref.rfc });
}

/** Short form for citations next to a fact: "RFC 3261 §21.4.2". */
export function referenceShort(ref: Reference, messages: Messages): string {
  if ('url' in ref) return ref.doc;
  return ref.section ? messages.format('reference.short', { rfc: ref.rfc, section: ref.section }) : messages.format('reference.rfc', { rfc: ref.rfc });
}

/** Unique by URL, ordered by RFC number, then section number by number. */
export function sortReferences(refs: Reference[]): Reference[] {
  const unique = new Map(refs.map((r) => [referenceUrl(r), r]));
  return [...unique.values()].sort(compareReferences);
}

function compareReferences(x: Reference, y: Reference): number {
  const kx = 'rfc' in x ? [0, x.rfc] : [1, 0];
  const ky = 'rfc' in y ? [0, y.rfc] : [1, 0];
  if (kx[0] !== ky[0]) return kx[0]! - ky[0]!;
  if (kx[1] !== ky[1]) return kx[1]! - ky[1]!;
  const sx = (x.section ?? '').split('.');
  const sy = (y.section ?? '').split('.');
  for (let i = 0; i < Math.max(sx.length, sy.length); i++) {
    const a = sx[i] ?? '';
    const b = sy[i] ?? '';
    const na = Number(a);
    const nb = Number(b);
    const c = Number.isNaN(na) || Number.isNaN(nb) ? a.localeCompare(b, 'en') : na - nb;
    if (c) return c;
  }
  const ux = referenceUrl(x);
  const uy = referenceUrl(y);
  return ux < uy ? -1 : ux > uy ? 1 : 0;
}
