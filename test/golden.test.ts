/**
 * Golden files: one pair (SIP 180 vs 401) in English and French, in every format.
 * After an intended change, review the diff and update with `npx vitest run -u`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

let project: ReturnType<typeof tempProject>;
let files: Map<string, string>;

beforeAll(() => {
  project = tempProject({ dataFrom: REPO });
  build(project, { protocols: ['sip'] });
  files = snapshotDir(project.outDir);
});
afterAll(() => project.cleanup());

const slug = '180-ringing-vs-401-unauthorized';
const cases = ['en', 'fr'].flatMap((l) => [
  [`md/${l}/sip/${slug}.md`, `golden/${l}/${slug}.md`],
  [`html/${l}/sip/${slug}/index.html`, `golden/${l}/${slug}.html`],
  [`json/${l}/sip/${slug}.json`, `golden/${l}/${slug}.json`],
]);

describe('golden articles', () => {
  it.each(cases)('%s', async (path, golden) => {
    expect(files.has(path!)).toBe(true);
    await expect(files.get(path!)).toMatchFileSnapshot(golden!);
  });
});
