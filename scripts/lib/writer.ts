/**
 * Stage 7 — write: bring the output folder in line with the plan.
 *   1. Files whose hash matches the previous manifest (and that still exist) are left alone.
 *   2. Every new or changed file is first written to a temporary file beside its target.
 *      If any of these writes fails (disk full, permissions), the temporaries are removed
 *      and the output folder is exactly as it was.
 *   3. Temporaries are renamed over their targets (atomic per file).
 *   4. Files the previous manifest listed, in this build's scope, that the plan no longer
 *      has are deleted; nothing the manifest does not list is ever deleted.
 *   5. The manifest is written last.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { hashContent, MANIFEST_NAME, readManifest, serializeManifest } from './manifest.ts';
import type { Plan } from './plan.ts';

export interface WriteResult {
  written: string[];
  unchanged: number;
  pruned: string[];
}

/** An I/O failure while writing (exit code 3). */
export class OutputError extends Error {}

export interface WriteOptions {
  onProgress?: (done: number, total: number) => void;
  /** For tests: replaces the function that writes one temporary file. */
  writeFile?: (path: string, content: string) => void;
}

export const LOCK_NAME = '.codecompare.lock';

export function writeOutput(outDir: string, plan: Plan, options: WriteOptions = {}): WriteResult {
  const root = resolve(outDir);
  const release = acquireLock(root);
  try {
    return writeLocked(root, plan, options);
  } finally {
    release();
  }
}

/**
 * One build writes to an output folder at a time: a second one refuses while the first
 * runs. A lock left by a build that was killed is taken over, and that build's
 * temporary files are removed.
 */
function acquireLock(root: string): () => void {
  mkdirSync(root, { recursive: true });
  const path = join(root, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => tryUnlink(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(`cannot lock ${shown(root)}: ${describe(e)}`);
    }
    const owner = Number(readFileSafe(path).trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new OutputError(`another build (process ${owner}) is writing to ${shown(root)}; wait until it finishes, then run again`);
    }
    removeTemporaries(root);
    tryUnlink(path);
  }
  throw new OutputError(`cannot lock ${shown(root)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Deletes temporary files (`*.tmp-<pid>`) a killed build left behind. */
function removeTemporaries(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) removeTemporaries(p);
    else if (/\.tmp-\d+$/.test(entry.name)) tryUnlink(p);
  }
}

function writeLocked(root: string, plan: Plan, options: WriteOptions): WriteResult {
  const previous = readManifest(root).files;
  const next: Record<string, string> = {};
  for (const [path, hash] of Object.entries(previous)) if (!plan.inScope(path)) next[path] = hash;

  const changed: { target: string; temp: string; path: string; content: string }[] = [];
  let unchanged = 0;
  for (const f of plan.files) {
    const target = safeTarget(root, f.path);
    const hash = hashContent(f.content);
    next[f.path] = hash;
    if (previous[f.path] === hash && isFile(target)) unchanged++;
    else changed.push({ target, temp: `${target}.tmp-${process.pid}`, path: f.path, content: f.content });
  }
  const manifest = serializeManifest(next);
  const manifestPath = join(root, MANIFEST_NAME);
  const manifestChanged = JSON.stringify(previous) !== JSON.stringify(next) || !isFile(manifestPath);

  // Phase 1: temporaries only.
  const write = options.writeFile ?? ((path: string, content: string) => writeFileSync(path, content));
  const written: string[] = [];
  try {
    for (const c of changed) {
      mkdirSync(dirname(c.target), { recursive: true });
      write(c.temp, c.content);
      written.push(c.temp);
      options.onProgress?.(written.length, changed.length);
    }
    if (manifestChanged) {
      mkdirSync(root, { recursive: true });
      write(`${manifestPath}.tmp-${process.pid}`, manifest);
      written.push(`${manifestPath}.tmp-${process.pid}`);
    }
  } catch (e) {
    for (const t of written) tryUnlink(t);
    for (const c of changed) removeEmptyDirs(dirname(c.target), root);
    throw new OutputError(`cannot write to ${shown(root)}: ${describe(e)}; the previous output was left as it was`);
  }

  // Phase 2: swap in, prune, manifest last.
  try {
    for (const c of changed) renameSync(c.temp, c.target);
    const pruned: string[] = [];
    for (const path of Object.keys(previous).sort()) {
      if (path in next) continue;
      const target = safeTarget(root, path);
      if (tryUnlink(target)) pruned.push(path);
      removeEmptyDirs(dirname(target), root);
    }
    if (manifestChanged) renameSync(`${manifestPath}.tmp-${process.pid}`, manifestPath);
    return { written: changed.map((c) => c.path), unchanged, pruned };
  } catch (e) {
    throw new OutputError(`cannot update ${shown(root)}: ${describe(e)}`);
  }
}

/** Resolves a planned path inside the output folder, refusing anything that escapes it. */
function safeTarget(root: string, path: string): string {
  const target = resolve(root, path);
  if (path.split('/').some((s) => s === '..' || s === '') || !target.startsWith(root + sep)) {
    throw new OutputError(`refusing to write outside the output folder: ${path}`);
  }
  return target;
}

/** The output folder as the user named it: relative to the working folder when inside it. */
function shown(root: string): string {
  const rel = relative(process.cwd(), root);
  return rel && !rel.startsWith('..') ? rel : root;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function tryUnlink(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes now-empty folders from `dir` up to (not including) `root`. */
function removeEmptyDirs(dir: string, root: string): void {
  let d = dir;
  while (d.startsWith(root + sep)) {
    try {
      if (readdirSync(d).length) return;
      rmdirSync(d);
    } catch {
      return;
    }
    d = dirname(d);
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOSPC') return 'the disk is full (ENOSPC)';
  if (err.code === 'EACCES' || err.code === 'EPERM') return `permission denied (${err.path ?? ''})`;
  if (err.code === 'ENOTDIR' || err.code === 'EEXIST') return `a file is in the way (${err.path ?? ''})`;
  return err.message ?? String(e);
}
