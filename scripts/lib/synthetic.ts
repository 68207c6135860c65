/**
 * A synthetic data set for the benchmark: the real SIP protocol declaration, locale
 * tables and templates, with N made-up codes whose texts are copied from real codes
 * (so text lengths and scripts are realistic in every locale).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const CLASSES = [100, 200, 300, 400, 500, 600];

/** The n-th synthetic code number: spread over the six classes, never a collision. */
export function syntheticCode(i: number): number {
  const cls = CLASSES[i % CLASSES.length]!;
  return cls + 1 + Math.floor(i / CLASSES.length);
}

/**
 * Writes a project under `root` (data/ and templates/) with `n` codes and the first
 * `locales` locales of the repository's site. Returns the locale ids.
 */
export function writeSyntheticProject(repo: string, root: string, n: number, locales: number): string[] {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(join(repo, 'templates'), join(root, 'templates'), { recursive: true });
  const site = parse(readFileSync(join(repo, 'data/site.yaml'), 'utf8')) as { locales: string[] };
  const ids = site.locales.slice(0, locales);
  if (n > 99 * CLASSES.length) throw new Error(`at most ${99 * CLASSES.length} codes`);
  mkdirSync(join(root, 'data/protocols/sip/codes'), { recursive: true });
  writeFileSync(join(root, 'data/site.yaml'), stringify({ ...site, locales: ids, pairPolicy: 'all' }));
  // The featured pairs name real codes; the synthetic protocol features its first codes instead.
  const protocol = parse(readFileSync(join(repo, 'data/protocols/sip/protocol.yaml'), 'utf8')) as Record<string, unknown>;
  const featured = Array.from({ length: Math.min(3, Math.floor(n / 2)) }, (_, i) => [syntheticCode(2 * i), syntheticCode(2 * i + 1)].sort((a, b) => a - b));
  writeFileSync(join(root, 'data/protocols/sip/protocol.yaml'), stringify({ ...protocol, featured }));
  for (const id of ids) {
    const from = join(repo, 'data/locales', id);
    const to = join(root, 'data/locales', id);
    mkdirSync(join(to, 'protocols/sip/codes'), { recursive: true });
    for (const f of ['locale.yaml', 'ui.yaml', 'glossary.yaml']) {
      try {
        cpSync(join(from, f), join(to, f));
      } catch {
        // optional file
      }
    }
    cpSync(join(from, 'protocols/sip/protocol.yaml'), join(to, 'protocols/sip/protocol.yaml'));
  }
  const real = readdirSync(join(repo, 'data/protocols/sip/codes')).map((f) => Number(f.slice(0, -5))).sort((a, b) => a - b);
  for (let i = 0; i < n; i++) addSyntheticCode(repo, root, i, n, ids, real);
  return ids;
}

/** Adds the i-th synthetic code (data and texts in every locale), modelled on a real code of the same class. */
export function addSyntheticCode(repo: string, root: string, i: number, n: number, ids: string[], real: number[]): number {
  const code = syntheticCode(i);
  const sameClass = real.filter((r) => Math.floor(r / 100) === Math.floor(code / 100));
  const model = sameClass[i % sameClass.length]!;
  const data = parse(readFileSync(join(repo, `data/protocols/sip/codes/${model}.yaml`), 'utf8')) as Record<string, unknown>;
  const related = [syntheticCode((i + 1) % n), syntheticCode((i + 7) % n)].filter((r) => r !== code);
  const out = { ...data, code, reason: `Synthetic ${code} ${model}`, related: [...new Set(related)], deprecated: false, replacedBy: [] };
  writeFileSync(join(root, `data/protocols/sip/codes/${code}.yaml`), stringify(out));
  for (const id of ids) {
    cpSync(join(repo, `data/locales/${id}/protocols/sip/codes/${model}.yaml`), join(root, `data/locales/${id}/protocols/sip/codes/${code}.yaml`));
  }
  return code;
}

export function realCodes(repo: string): number[] {
  return readdirSync(join(repo, 'data/protocols/sip/codes')).map((f) => Number(f.slice(0, -5))).sort((a, b) => a - b);
}
