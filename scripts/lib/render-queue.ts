/**
 * Renders the planned files that are not kept, in-process or on a worker pool, and hands
 * every file's outcome back in plan order — so the writer, the manifest and the
 * diagnostics see exactly what a one-thread build shows them.
 *
 * Small builds never start a worker: the pool is started only once `threshold` files
 * have needed rendering and at least as many are still to come. Until the workers are
 * ready, and whenever they are all busy, the main thread renders the next batch itself.
 */
import type { Page } from './pages.ts';
import type { PlannedFile } from './plan.ts';
import { RenderPool, renderFailure, type FileResult, type RenderFailure, type TaskItem } from './render-pool.ts';
import type { OutputFormat } from './schema.ts';

export interface QueuedFile extends PlannedFile {
  page?: Page;
  format?: OutputFormat;
}

/**
 * What became of a file: kept without rendering; rendered here (its content); written by a
 * worker to its temporary file, or found by a worker to have the same bytes as before (its
 * hash); or a render error.
 */
export type Outcome =
  | { kind: 'kept' }
  | { kind: 'content'; content: string; hash?: string }
  | { kind: 'written'; hash: string }
  | { kind: 'same'; hash: string }
  | { kind: 'error'; failure: RenderFailure };

export interface RenderQueueOptions {
  /** Threads that render, the main one included (1: in-process only; N: N − 1 worker threads). */
  workers: number;
  /** Renders before the pool is worth starting. */
  threshold: number;
  /** Files still to be planned (an estimate), to decide whether starting the pool pays. */
  remaining: () => number;
  startPool: (size: number) => RenderPool;
  /** Position of a page in SiteIndex.pages. */
  pageIndex: (page: Page) => number;
  /** Where a worker writes a file's bytes, and the content hash it had (writer.ts `reserve`). */
  reserve: (path: string) => { temp: string; previous: string | null };
  /** Never render a batch on the main thread while a worker lives (for tests: makes the workers do the work). */
  waitForWorkers?: boolean;
  /** Called once per file, in plan order. */
  resolve: (file: QueuedFile, outcome: Outcome) => void;
}

interface Slot {
  file: QueuedFile;
  outcome?: Outcome;
}

/** Pages per batch, and batches queued per worker (enough that a worker is never idle while the main thread renders a batch itself). */
const BATCH_PAGES = 8;
const DEPTH = 4;
/** Files waiting behind an unfinished one before the main thread waits for the workers. */
const MAX_WAITING = 20_000;

export class RenderQueue {
  private slots: Slot[] = [];
  private head = 0;
  private batch: { items: TaskItem[]; slots: Slot[][] } | undefined;
  private readonly sent = new Map<number, Slot[][]>();
  private pool: RenderPool | undefined;
  private renders = 0;
  private keptSoFar = 0;
  private tick = 0;
  /** Files sent to the workers. */
  byWorkers = 0;

  constructor(private readonly options: RenderQueueOptions) {}

  /** A file kept without rendering. */
  kept(file: QueuedFile): void {
    this.keptSoFar++;
    this.push(file, { kind: 'kept' });
  }

  /** A file to render. */
  render(file: QueuedFile): void {
    this.renders++;
    const { workers, threshold } = this.options;
    // Files still to render, estimated from the share rendered so far (an incremental build keeps most).
    const toCome = () => (this.renders / (this.renders + this.keptSoFar)) * this.options.remaining();
    if (!this.pool && workers > 1 && this.renders >= threshold && toCome() >= threshold) this.pool = this.options.startPool(workers - 1);
    if (this.pool?.alive && file.page && file.format) {
      this.toBatch(file);
    } else {
      this.push(file, renderHere(file));
    }
    if (this.pool && ++this.tick % 16 === 0) this.collect(false);
    this.drain();
    while (this.slots.length - this.head > MAX_WAITING && this.sent.size) {
      this.collect(true);
      this.drain();
    }
  }

  /** Renders what is left and hands back every outcome; stops the workers. */
  finish(): void {
    try {
      this.flush();
      while (this.head < this.slots.length) {
        this.drain();
        if (this.head === this.slots.length) break;
        if (!this.sent.size) throw new Error('render queue: a file was never rendered');
        this.collect(true);
      }
    } finally {
      this.close();
    }
  }

  /** Stops the workers (also after a failure). */
  close(): void {
    this.pool?.close();
  }

  private push(file: QueuedFile, outcome: Outcome | undefined): Slot {
    const slot: Slot = { file, outcome };
    if (outcome && this.head === this.slots.length) {
      this.options.resolve(file, outcome);
      return slot;
    }
    this.slots.push(slot);
    return slot;
  }

  private toBatch(file: QueuedFile): void {
    const page = this.options.pageIndex(file.page!);
    const { temp, previous } = this.options.reserve(file.path);
    const last = this.batch?.items.at(-1);
    if (last && last.page === page) {
      last.formats.push(file.format!);
      last.paths.push(file.path);
      last.temps.push(temp);
      last.previous.push(previous);
      this.batch!.slots.at(-1)!.push(this.push(file, undefined));
      return;
    }
    if (this.batch && this.batch.items.length >= BATCH_PAGES) this.flush();
    this.batch ??= { items: [], slots: [] };
    this.batch.items.push({ page, formats: [file.format!], paths: [file.path], temps: [temp], previous: [previous] });
    this.batch.slots.push([this.push(file, undefined)]);
  }

  /** Sends the batch being filled to a worker, or renders it here when every worker is busy. */
  private flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    let id = this.pool?.send(batch.items, DEPTH);
    if (id === undefined && this.pool) {
      this.collect(false);
      id = this.pool.send(batch.items, DEPTH);
      // (Tests) wait for a worker rather than render here.
      while (id === undefined && this.options.waitForWorkers && this.pool.alive) {
        this.collect(true);
        id = this.pool.send(batch.items, DEPTH);
      }
    }
    if (id === undefined) {
      for (const slot of batch.slots.flat()) slot.outcome = renderHere(slot.file);
    } else {
      this.sent.set(id, batch.slots);
      this.byWorkers += batch.slots.flat().length;
    }
  }

  private collect(wait: boolean): void {
    if (!this.pool) return;
    const { done, lost } = this.pool.collect(wait);
    for (const { id, results } of done) {
      const slots = this.sent.get(id)!;
      this.sent.delete(id);
      slots.forEach((files, i) => files.forEach((slot, k) => (slot.outcome = fromWorker(results[i]![k]!))));
    }
    for (const id of lost) {
      const slots = this.sent.get(id)!.flat();
      this.byWorkers -= slots.length;
      for (const slot of slots) slot.outcome = renderHere(slot.file);
      this.sent.delete(id);
    }
  }

  /** Hands back the outcomes at the head of the queue, in plan order (a file in the batch being filled waits for it). */
  private drain(): void {
    while (this.head < this.slots.length) {
      const slot = this.slots[this.head]!;
      if (!slot.outcome) break;
      this.head++;
      this.options.resolve(slot.file, slot.outcome);
    }
    if (this.head > 4096 || this.head === this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }
}

function renderHere(file: QueuedFile): Outcome {
  try {
    return { kind: 'content', content: file.render() };
  } catch (e) {
    return { kind: 'error', failure: renderFailure(e, file.page?.locale.id ?? '') };
  }
}

function fromWorker(result: FileResult): Outcome {
  if ('error' in result) return { kind: 'error', failure: result.error };
  if ('written' in result) return { kind: 'written', hash: result.hash };
  if ('same' in result) return { kind: 'same', hash: result.hash };
  return { kind: 'content', content: result.content, hash: result.hash };
}
