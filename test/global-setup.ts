/**
 * A folder for one full build of the bundled data, shared by the test files that read it
 * (test/full-build.ts). When the whole suite runs, a child process starts building it at
 * once, beside the test files that do not need it (test/sequencer.ts runs those first);
 * when only some files run, the first one that needs it builds it. The folder is removed
 * at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO } from './project.ts';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'codecompare-full-'));
  project.provide('fullBuildDir', dir);
  const filtered = project.vitest.config.standalone || process.argv.slice(2).some((a) => /\.test\.ts$|^test\/|^scripts\//.test(a) || a === '-t' || a.startsWith('--testNamePattern'));
  if (!filtered) {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/full-build-child.ts'), dir], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
    // A child that dies without a result (killed, out of memory) fails the tests waiting for it.
    const fail = (why: string) => !existsSync(join(dir, 'done.json')) && !existsSync(join(dir, 'failed.txt')) && writeFileSync(join(dir, 'failed.txt'), why);
    child.on('error', (e) => fail(e.message));
    child.on('exit', (code, signal) => code !== 0 && fail(`the build process exited with ${signal ?? code}`));
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    fullBuildDir: string;
  }
}
