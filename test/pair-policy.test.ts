/**
 * data/site.yaml chooses which pairs get a page: `all` or `related`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/lib/pipeline.ts';
import { snapshotDir, tempProject } from './project.ts';

function pagesWith(policy: 'all' | 'related'): string[] {
  const p = tempProject();
  try {
    const site = join(p.root, 'data/site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^pairPolicy: .*$/m, `pairPolicy: ${policy}`));
    // 180 lists nothing; 401 and 407 (same class) list each other.
    const c180 = join(p.root, 'data/protocols/sip/codes/180.yaml');
    writeFileSync(c180, readFileSync(c180, 'utf8').replace(/^related: .*$/m, 'related: []'));
    build(p, { locales: ['en'], formats: ['md'] });
    return [...snapshotDir(p.outDir).keys()].filter((k) => k.endsWith('.md'));
  } finally {
    p.cleanup();
  }
}

describe('pair policy', () => {
  it('all: every unordered pair', () => {
    expect(pagesWith('all')).toEqual([
      'md/en/sip/180-ringing-vs-401-unauthorized.md',
      'md/en/sip/180-ringing-vs-407-proxy-authentication-required.md',
      'md/en/sip/401-unauthorized-vs-407-proxy-authentication-required.md',
    ]);
  });

  it('related: only pairs where one code lists the other, or within a class', () => {
    expect(pagesWith('related')).toEqual(['md/en/sip/401-unauthorized-vs-407-proxy-authentication-required.md']);
  });
});
