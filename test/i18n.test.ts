/**
 * Translator workflow: XLIFF export of missing and stale strings, validated import,
 * and stale detection when the English changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { js2xliff, xliff2js } from 'xliff';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../scripts/lib/diagnostics.ts';
import { exportXliff, importXliff, recordSources } from '../scripts/lib/i18n.ts';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

const projects: ReturnType<typeof tempProject>[] = [];
const partial = () => {
  const p = tempProject({ overlay: join(REPO, 'test/fixtures/bad/string-missing-strict') });
  projects.push(p);
  return p;
};
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});

const coverageOf = (p: ReturnType<typeof tempProject>) => checkProject(p).coverage.find((c) => c.locale === 'fr')!;

/** Fills every empty target of an XLIFF file with `fill(key)`. */
async function translate(xml: string, fill: (key: string) => string): Promise<string> {
  const js = await xliff2js(xml);
  for (const units of Object.values(js.resources)) for (const [key, u] of Object.entries(units)) if (!u.target) u.target = fill(key);
  return js2xliff(js);
}

const FRENCH: Record<string, string> = {
  description: 'L’agent utilisateur qui a reçu l’INVITE fait sonner le poste ; avec un tag To, la réponse crée un dialogue précoce (100rel, PRACK).',
  whenYouSeeIt: 'Après le 100 Trying, quand le poste appelé se met à sonner, jusqu’à la réponse finale.',
  howToFix: 'Rien à corriger : le poste sonne. Côté serveur d’agent utilisateur, envoyez une réponse provisoire chaque minute.',
  sendWhen: 'Un serveur d’agent utilisateur envoie 180 lorsqu’il a reçu un INVITE et fait sonner le poste.',
};
const french = (key: string) => FRENCH[key.split('.').pop()!]!.replace(' ;', '\u202f;').replace(' :', '\u00a0:');

describe('i18n export and import', () => {
  it('exports the missing strings with their English source', async () => {
    const p = partial();
    const { xml, units } = await exportXliff(checkProject(p).data!, 'fr');
    expect(units).toBe(4);
    expect(xml).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">');
    expect(xml).toContain('<file id="data/locales/fr/protocols/sip/codes/180.yaml">');
    expect(xml).toContain('<unit id="protocols.sip.codes.180.howToFix">');
    expect(xml).toContain('<note>missing</note>');
  });

  it('imports a translated file into the locale YAML, keeping what was there, and records its English', async () => {
    const p = partial();
    const { xml } = await exportXliff(checkProject(p).data!, 'fr');
    const result = await importXliff(p.root, checkProject(p).data!, 'fr', await translate(xml, french), 'fr.xlf');
    expect(result).toEqual({ imported: 4, files: ['data/locales/fr/protocols/sip/codes/180.yaml'] });
    const yaml = readFileSync(join(p.root, 'data/locales/fr/protocols/sip/codes/180.yaml'), 'utf8');
    expect(yaml.startsWith('name: Sonnerie en cours\n')).toBe(true);
    const { bag, coverage } = checkProject(p, { strict: true });
    expect(bag.errors).toEqual([]);
    const fr = coverage.find((c) => c.locale === 'fr')!;
    expect(fr).toMatchObject({ missing: [], stale: [] });
    expect(fr.unverified).not.toContain('protocols.sip.codes.180.howToFix');
  });

  it('refuses a file with a broken translation, and writes nothing', async () => {
    const p = partial();
    const { xml } = await exportXliff(checkProject(p).data!, 'fr');
    const bad = await translate(xml, (key) => (key.endsWith('howToFix') ? `${french(key)} Voir {code}.` : french(key)));
    const before = snapshotDir(join(p.root, 'data'));
    const error = await importXliff(p.root, checkProject(p).data!, 'fr', bad, 'fr.xlf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([expect.stringMatching(/^fr\.xlf:\d+ ICU_PLACEHOLDERS$/)]);
    expect(snapshotDir(join(p.root, 'data'))).toEqual(before);
  });

  it('marks a translation stale when its English changes, and exports it again', async () => {
    const p = tempProject();
    projects.push(p);
    recordSources(p.root, checkProject(p).data!, checkProject(p).data!.locales.find((l) => l.id === 'fr')!);
    expect(coverageOf(p)).toMatchObject({ missing: [], stale: [], unverified: [] });
    const en = join(p.root, 'data/locales/en/protocols/sip/codes/401.yaml');
    writeFileSync(en, readFileSync(en, 'utf8').replace('wants the caller to prove who it', 'requires the caller to prove who it'));
    expect(coverageOf(p).stale).toEqual(['protocols.sip.codes.401.description']);
    const { bag } = checkProject(p, { strict: true });
    expect(bag.errors.map((d) => d.code)).toEqual(['STRING_STALE']);
    const { xml, units } = await exportXliff(checkProject(p).data!, 'fr');
    expect(units).toBe(1);
    expect(xml).toContain('<note>stale: the English text changed after this was translated</note>');
    expect(xml).toContain('<target>Le serveur d’agent utilisateur');
  });
});
