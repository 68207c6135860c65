/**
 * Stage 7 — write: bring the output folder in line with the plan, one file at a time.
 *   1. A file whose input hash matches the previous manifest (and that still exists) is
 *      kept without being rendered; one whose new content hashes the same is kept too.
 *   2. Every new or changed file is first written to a temporary file beside its target,
 *      as soon as it is rendered (memory stays flat). If the run fails before commit
 *      (disk full, permissions, a template error), the temporaries are removed and the
 *      output folder is exactly as it was.
 *   3. On commit, temporaries are renamed over their targets (atomic per file); files
 *      the previous manifest listed, in this build's scope, that the plan no longer has
 *      are deleted (nothing the manifest does not list is ever deleted); the manifest is
 *      written last.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { hashContent, MANIFEST_NAME, readManifest, readWholeManifest, serializeManifest, type ManifestEntry } from './manifest.ts';
import type { ShardInfo } from './shard.ts';

export interface WriteResult {
  written: string[];
  unchanged: number;
  pruned: string[];
}

/** An I/O failure while writing (exit code 3). */
export class OutputError extends Error {}

export interface WriteOptions {
  onProgress?: (done: number) => void;
  /** For tests: replaces the function that writes one temporary file. */
  writeFile?: (path: string, content: string) => void;
}

export const LOCK_NAME = '.codecompare.lock';

export class OutputSession {
  private readonly root: string;
  private readonly previous: Record<string, ManifestEntry>;
  private readonly next: Record<string, ManifestEntry> = {};
  private readonly temps: { path: string; target: string; temp: string }[] = [];
  /** Temporary files reserved for worker threads (render-pool.ts), not adopted yet: removed on abort. */
  private readonly reserved = new Map<string, { path: string; target: string; temp: string }>();
  private readonly dirs = new Set<string>();
  /** Folders worker threads may have made (removed on abort when left empty). */
  private readonly reservedDirs = new Set<string>();
  private unchanged = 0;
  private shard: ShardInfo | undefined;
  private fingerprint: Fingerprint | undefined;
  private readonly release: () => void;
  private readonly write: (path: string, content: string) => void;

  constructor(
    outDir: string,
    inScope: (path: string) => boolean,
    private readonly options: WriteOptions = {},
  ) {
    this.root = resolve(outDir);
    this.release = acquireLock(this.root);
    this.previous = readManifest(this.root);
    for (const [path, entry] of Object.entries(this.previous)) if (!inScope(path)) this.next[path] = entry;
    this.write = options.writeFile ?? ((path, content) => writeFileSync(path, content));
  }

  /** Keeps the file if its input is unchanged and it still exists; returns whether it did. */
  keep(path: string, input: string): boolean {
    const before = this.previous[path];
    if (!before || before.input !== input || !isFile(safeTarget(this.root, path))) return false;
    this.next[path] = before;
    this.unchanged++;
    return true;
  }

  /** Writes the file's new content to a temporary file, unless its bytes are unchanged. `hash` is the content's, when already known. */
  put(path: string, content: string, input: string, hash = hashContent(content)): void {
    const target = safeTarget(this.root, path);
    this.reserved.delete(path);
    this.next[path] = { hash, input };
    if (this.previous[path]?.hash === hash && isFile(target)) {
      this.unchanged++;
      return;
    }
    const temp = `${target}.tmp-${process.pid}`;
    try {
      const dir = dirname(target);
      if (!this.dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.dirs.add(dir);
      }
      this.write(temp, content);
    } catch (e) {
      this.abort();
      throw new OutputError(`cannot write to ${shown(this.root)}: ${describe(e)}; the previous output was left as it was`);
    }
    this.temps.push({ path, target, temp });
    this.options.onProgress?.(this.temps.length);
  }

  /**
   * A temporary file for a worker thread to write a file's new bytes to, and the content hash
   * the file had (a worker does not write the same bytes again). Until adopted, it is removed
   * on abort.
   */
  reserve(path: string): { temp: string; previous: string | null } {
    const target = safeTarget(this.root, path);
    const temp = `${target}.tmp-${process.pid}`;
    this.reserved.set(path, { path, target, temp });
    this.reservedDirs.add(dirname(target));
    return { temp, previous: this.previous[path]?.hash ?? null };
  }

  /** A worker wrote the file's new bytes to its reserved temporary file: it is swapped in on commit. */
  adopt(path: string, input: string, hash: string): void {
    const reserved = this.reserved.get(path);
    if (!reserved) throw new Error(`writer: ${path} was not reserved`);
    this.reserved.delete(path);
    this.next[path] = { hash, input };
    this.temps.push(reserved);
    this.options.onProgress?.(this.temps.length);
  }

  /**
   * A worker found the file's new bytes equal to the previous ones: keeps the file and returns
   * true, unless it is gone (the caller then renders and puts it).
   */
  same(path: string, input: string, hash: string): boolean {
    const target = safeTarget(this.root, path);
    if (this.previous[path]?.hash !== hash || !isFile(target)) return false;
    this.reserved.delete(path);
    this.next[path] = { hash, input };
    this.unchanged++;
    return true;
  }

  /** Marks the output folder as one shard of a build (recorded in its manifest). */
  setShard(shard: ShardInfo): void {
    this.shard = shard;
  }

  /**
   * Records the build's input fingerprint (fingerprint.ts) beside the manifest, in
   * FINGERPRINT_NAME: a rebuild with the same one has nothing to do. A commit without one
   * removes the previous one.
   */
  setFingerprint(fingerprint: Fingerprint): void {
    this.fingerprint = fingerprint;
  }

  /** Removes every temporary file: the output folder is as it was. */
  abort(): void {
    for (const t of this.temps.splice(0)) tryUnlink(t.temp);
    for (const t of this.reserved.values()) tryUnlink(t.temp);
    this.reserved.clear();
    for (const dir of new Set([...this.dirs, ...this.reservedDirs])) removeEmptyDirs(dir, this.root);
    this.release();
  }

  /** Swaps the new files in, prunes stale ones and writes the manifest. */
  commit(): WriteResult {
    const manifestPath = join(this.root, MANIFEST_NAME);
    const manifest = serializeManifest(this.next, this.shard);
    const manifestChanged = !isFile(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifest;
    if (manifestChanged) {
      try {
        this.write(`${manifestPath}.tmp-${process.pid}`, manifest);
      } catch (e) {
        this.abort();
        throw new OutputError(`cannot write to ${shown(this.root)}: ${describe(e)}; the previous output was left as it was`);
      }
    }
    try {
      // The previous fingerprint goes first: a commit cut short must never look up to date.
      const fingerprintPath = join(this.root, FINGERPRINT_NAME);
      tryUnlink(fingerprintPath);
      for (const t of this.temps) renameSync(t.temp, t.target);
      // A reserved file is adopted or found the same (nothing written); any other is not the build's.
      for (const t of this.reserved.values()) tryUnlink(t.temp);
      const pruned: string[] = [];
      for (const path of Object.keys(this.previous).sort()) {
        if (path in this.next) continue;
        const target = safeTarget(this.root, path);
        if (tryUnlink(target)) pruned.push(path);
        removeEmptyDirs(dirname(target), this.root);
      }
      if (manifestChanged) renameSync(`${manifestPath}.tmp-${process.pid}`, manifestPath);
      if (this.fingerprint) writeFileSync(fingerprintPath, `${JSON.stringify(this.fingerprint, null, 2)}\n`);
      return { written: this.temps.map((t) => t.path), unchanged: this.unchanged, pruned };
    } catch (e) {
      throw new OutputError(`cannot update ${shown(this.root)}: ${describe(e)}`);
    } finally {
      this.release();
    }
  }
}

/** Beside the manifest: the input fingerprint of the last build, written only when it reported nothing. */
export const FINGERPRINT_NAME = '.codecompare-fingerprint.json';

/** A build's input fingerprint (fingerprint.ts) and what it built: its page and file counts. */
export interface Fingerprint {
  hash: string;
  pages: number;
  files: number;
}

/**
 * Whether an output folder holds exactly what a build with this input fingerprint writes: the
 * last build recorded that fingerprint and every file its manifest lists still exists. Read
 * under the lock, so that a build writing meanwhile is never taken for finished.
 */
export function upToDate(outDir: string, fingerprint: string): Fingerprint | undefined {
  const root = resolve(outDir);
  const path = join(root, FINGERPRINT_NAME);
  if (!existsSync(path)) return undefined;
  const release = acquireLock(root);
  try {
    const recorded = JSON.parse(readFileSafe(path) || 'null') as Fingerprint | null;
    if (recorded?.hash !== fingerprint) return undefined;
    const m = readWholeManifest(root);
    if (!m) return undefined;
    for (const file of Object.keys(m.files)) if (!isFile(safeTarget(root, file))) return undefined;
    return recorded;
  } catch {
    return undefined;
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
  const created = !existsSync(root);
  mkdirSync(root, { recursive: true });
  const path = join(root, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        tryUnlink(path);
        // A folder this build created and left empty (a failed first build) goes too.
        if (created) removeEmptyDirs(root, dirname(root));
      };
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

/** Resolves a planned path inside the output folder, refusing anything that escapes it. */
function safeTarget(root: string, path: string): string {
  // Relative segments only ("", "." and ".." refused), so joining cannot leave the folder.
  const target = join(root, path);
  if (path.split('/').some((s) => s === '..' || s === '' || s === '.') || isAbsolute(path) || !target.startsWith(root + sep)) {
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
