/**
 * Runs one broken fixture (test/fixtures/bad/<case>/): the mini project with the case's
 * files laid over it, the paths in delete.txt removed and options.json applied.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, formatDiagnostic, type Diagnostic } from '../scripts/lib/diagnostics.ts';
import { build, type BuildOptions } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

export const BAD = join(REPO, 'test/fixtures/bad');

export function runBadCase(name: string): { diagnostics: Diagnostic[]; outputFiles: number; outExists: boolean; threw: unknown } {
  const dir = join(BAD, name);
  const project = tempProject({ overlay: dir });
  try {
    const del = join(dir, 'delete.txt');
    if (existsSync(del)) {
      for (const line of readFileSync(del, 'utf8').split('\n').filter(Boolean)) rmSync(join(project.root, line), { force: true });
    }
    const optionsFile = join(dir, 'options.json');
    const options: BuildOptions = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
    let threw: unknown;
    try {
      build(project, options);
    } catch (e) {
      threw = e;
    }
    const diagnostics = threw instanceof DataError ? threw.diagnostics : [];
    return { diagnostics, outputFiles: snapshotDir(project.outDir).size, outExists: existsSync(project.outDir), threw };
  } finally {
    project.cleanup();
  }
}

/** "file:line:col CODE" of every error, as expected.txt lists them. */
export function errorKeys(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split(' ').slice(0, 2).join(' '));
}
