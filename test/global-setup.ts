/**
 * One full build of the bundled data (every locale and format, --strict), made once
 * before the test files run and shared by those that only read it (test/full-build.ts).
 * Building the whole site once instead of in every file keeps `npm test` within CI's time.
 */
import type { TestProject } from 'vitest/node';
import { build } from '../scripts/lib/pipeline.ts';
import { REPO, tempProject } from './project.ts';

export default function setup(project: TestProject): () => void {
  const p = tempProject({ dataFrom: REPO });
  const started = Date.now();
  const result = build(p, { strict: true });
  process.stdout.write(`full build for the tests: ${result.pages} pages, ${result.files} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  project.provide('fullBuild', { root: p.root, outDir: p.outDir });
  return () => p.cleanup();
}

declare module 'vitest' {
  export interface ProvidedContext {
    fullBuild: { root: string; outDir: string };
  }
}
