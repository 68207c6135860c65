/**
 * A folder for one full build of the bundled data, shared by the test files that read it
 * (test/full-build.ts builds it on first use, once, whichever test worker asks first).
 * Running only tests that do not need it costs nothing; the folder is removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'codecompare-full-'));
  project.provide('fullBuildDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    fullBuildDir: string;
  }
}
