/**
 * Stage 3 — pairs: which comparisons exist. One page per unordered pair, lower code
 * first; the reverse order is only ever a redirect.
 */
import { START, type DiagnosticBag } from './diagnostics.ts';
import type { CodeEntry, ProtocolData } from './validate.ts';
import type { Site } from './schema.ts';

export interface Pair {
  protocol: string;
  a: CodeEntry;
  b: CodeEntry;
  /** "180-ringing-vs-401-unauthorized", identical in every locale. */
  slug: string;
  /** The reverse order, which redirects to `slug`. */
  reverseSlug: string;
  /** Same in every locale: "sip-180-vs-401". */
  translationKey: string;
}

const slugs = new WeakMap<CodeEntry, string>();

export function codeSlug(c: CodeEntry): string {
  let slug = slugs.get(c);
  if (slug === undefined) {
    slug = slugOf(c);
    slugs.set(c, slug);
  }
  return slug;
}

function slugOf(c: CodeEntry): string {
  const words = c.reason
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words ? `${c.code}-${words}` : String(c.code);
}

export function makePair(protocol: string, x: CodeEntry, y: CodeEntry): Pair {
  const [a, b] = x.code < y.code ? [x, y] : [y, x];
  return {
    protocol,
    a,
    b,
    slug: `${codeSlug(a)}-vs-${codeSlug(b)}`,
    reverseSlug: `${codeSlug(b)}-vs-${codeSlug(a)}`,
    translationKey: `${protocol}-${a.code}-vs-${b.code}`,
  };
}

/** Every pair the site publishes for a protocol, sorted by (a, b). */
export function enumeratePairs(p: ProtocolData, policy: Site['pairPolicy'], bag: DiagnosticBag): Pair[] {
  const pairs: Pair[] = [];
  const slugs = new Map<string, Pair>();
  for (let i = 0; i < p.codes.length; i++) {
    for (let j = i + 1; j < p.codes.length; j++) {
      const a = p.codes[i]!;
      const b = p.codes[j]!;
      if (policy === 'related' && !isRelatedPair(a, b)) continue;
      const pair = makePair(p.id, a, b);
      const clash = slugs.get(pair.slug) ?? slugs.get(pair.reverseSlug);
      if (clash) {
        bag.error(b.file, START, 'SLUG_COLLISION', `the page slug "${pair.slug}" is also used by ${clash.a.code} vs ${clash.b.code}`);
        continue;
      }
      slugs.set(pair.slug, pair);
      pairs.push(pair);
    }
  }
  return pairs;
}

/** With the `related` policy: one code lists the other, or both are in the same class. */
export function isRelatedPair(a: CodeEntry, b: CodeEntry): boolean {
  return a.related.includes(b.code) || b.related.includes(a.code) || a.classId === b.classId;
}
