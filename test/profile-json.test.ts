/**
 * The json profile: one NDJSON file per locale, one article per line, and every line
 * valid against out/json/schema.json (generated from the zod schema) with ajv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile, HOOK_TIMEOUT, log, seconds, type ProfileExport } from './profile-export.ts';

/**
 * ajv checked 41,625 lines in 4.6 s, but the export of all 15 locales took 30 s for SIP alone:
 * `npm test` checks 4 locales, `npm run test:profiles` all of them.
 */
const MAX_LOCALES = 4;

let ex: ProfileExport;

beforeAll(() => {
  ex = exportProfile('json', MAX_LOCALES);
}, HOOK_TIMEOUT);
afterAll(() => ex?.project.cleanup());

describe('json profile, checked with ajv', () => {
  it('writes one line per article in each locale, each valid against schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ex.project.outDir, 'schema.json'), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const started = performance.now();
    let lines = 0;
    for (const locale of ex.locales) {
      const text = readFileSync(join(ex.project.outDir, `${locale}.ndjson`), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const records = text.slice(0, -1).split('\n');
      expect(records, locale).toHaveLength(ex.pagesPerLocale.get(locale)!);
      const slugs = new Set<string>();
      for (const [i, line] of records.entries()) {
        const record = JSON.parse(line) as { locale: string; body: string; slug: string; protocol: { id: string } };
        if (!validate(record)) throw new Error(`${locale}.ndjson:${i + 1}: ${ajv.errorsText(validate.errors)}`);
        expect(record.locale).toBe(locale);
        expect(record.body.startsWith(`# `), `${locale}.ndjson:${i + 1}`).toBe(true);
        slugs.add(`${record.protocol.id}/${record.slug}`);
        lines++;
      }
      expect(slugs).toEqual(ex.slugs.get(locale));
    }
    log(`json: ${lines} lines valid against schema.json (ajv) in ${seconds(started)}`);
  });

  it('has a schema that refuses a line with a missing or an unknown field', () => {
    const schema = JSON.parse(readFileSync(join(ex.project.outDir, 'schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const line = JSON.parse(readFileSync(join(ex.project.outDir, `${ex.sourceLocale}.ndjson`), 'utf8').split('\n')[0]!);
    expect(validate(line)).toBe(true);
    expect(validate({ ...line, extra: 1 })).toBe(false);
    const { body: _body, ...withoutBody } = line;
    expect(validate(withoutBody)).toBe(false);
    expect(validate({ ...line, canonical: 'not a url' })).toBe(false);
  });
});
