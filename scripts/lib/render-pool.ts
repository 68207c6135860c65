/**
 * A pool of render worker threads (render-worker.ts) driven synchronously from the main
 * thread, so that `build()` stays a plain function: batches are posted to the workers,
 * and the main thread collects their answers with `receiveMessageOnPort`, sleeping on a
 * shared counter (Atomics.wait) when it has nothing else to do.
 *
 * Each worker loads and checks the project itself, once, and refuses to work (the main
 * thread then renders alone) unless what it loaded has the same fingerprint as what the
 * main thread planned from. A worker renders comparisons — page and formats in — and
 * writes each file's new bytes to the temporary file the main thread's writer reserved
 * for it (writer.ts `reserve`), answering with their SHA-256 only: the bytes never cross
 * threads. The main thread keeps the manifest and the commit (renaming temporaries over
 * their targets), so the output is the same bytes as a one-thread build.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { sha256 } from './hash.ts';
import type { CheckResult, ProjectPaths } from './pipeline.ts';
import type { OutputFormat } from './schema.ts';
import { PAGE_TEMPLATES, TemplateRenderError } from './templates.ts';

/** What a worker needs to load the project as the main thread did. */
export interface WorkerSetup {
  paths: ProjectPaths;
  strict: boolean;
  formats?: OutputFormat[];
  fingerprint: string;
  /** Int32 counter the worker bumps (and notifies) after each message it posts. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

/** One comparison to render: its position in `SiteIndex.pages` and the files wanted. */
export interface TaskItem {
  page: number;
  formats: OutputFormat[];
  /** The expected output paths, checked by the worker. */
  paths: string[];
  /** Where to write each file's bytes (the writer's temporary file), when they differ from `previous`. */
  temps: string[];
  /** Each file's content hash in the previous manifest, or null: the same bytes are not written again. */
  previous: (string | null)[];
}

/** A render error, as the main thread reports it (pipeline.ts reportRenderError). */
export interface RenderFailure {
  /** The template file, or the locale folder whose strings failed. */
  where: string;
  message: string;
}

/**
 * A file rendered by a worker: written to its temporary file, or the same bytes as before
 * (nothing written), or — when the worker could not write — its content, which the main
 * thread writes (and reports the I/O error of) itself.
 */
export type FileResult = { written: true; hash: string } | { same: true; hash: string } | { content: string; hash: string } | { error: RenderFailure };

export type WorkerMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'done'; id: number; results: FileResult[][] };

export interface BatchMessage {
  id: number;
  items: TaskItem[];
}

/** Where a render error is reported: the template it came from, else the locale's strings. */
export function renderFailure(e: unknown, locale: string): RenderFailure {
  return { where: e instanceof TemplateRenderError ? e.file : `data/locales/${locale}`, message: e instanceof Error ? e.message : String(e) };
}

/**
 * A hash of the checked project (data, strings, templates, pages): a worker that loaded
 * anything else — a file was edited during the build — must not render.
 */
export function projectFingerprint(check: CheckResult): string {
  const { data, index, templates } = check;
  if (!data || !index) return '';
  return sha256(
    JSON.stringify([
      data.site,
      data.protocols.map((p) => [p.id, p.protocol, p.codes, p.registry ?? null]),
      data.locales.map((l) => [l.id, l.info, [...l.strings].map(([k, e]) => [k, e.source])]),
      index.pages.map((p) => `${p.locale.id}/${p.protocol.id}/${p.pair.slug}`),
      Object.values(templates).map((t) => [t.format, PAGE_TEMPLATES[t.format].map((n) => t.hash(n)), [...t.assets]]),
    ]),
  );
}

interface WorkerSlot {
  worker: Worker;
  port: MessagePort;
  state: 'starting' | 'ready' | 'dead';
  inFlight: Set<number>;
}

/** With batches in flight, a pool that sends nothing for this long is given up (its work is done by the main thread). */
const STALL_MS = 120_000;

export class RenderPool {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly slots: WorkerSlot[] = [];
  private nextId = 0;

  constructor(size: number, setup: Omit<WorkerSetup, 'signal' | 'port'>) {
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerSetup = { ...setup, signal: this.signal.buffer as SharedArrayBuffer, port: port2 };
      let worker: Worker;
      try {
        worker = new Worker(new URL('./render-worker.mjs', import.meta.url), { workerData: data, transferList: [port2] });
      } catch {
        // No thread (resource limits, a setup that cannot be cloned): the main thread renders alone.
        port1.close();
        continue;
      }
      // Failures arrive as messages; these handlers only keep an unexpected one from crashing the process.
      worker.on('error', () => {});
      worker.unref();
      port1.unref();
      this.slots.push({ worker, port: port1, state: 'starting', inFlight: new Set() });
    }
  }

  /** Whether any worker is (still) starting or ready. */
  get alive(): boolean {
    return this.slots.some((s) => s.state !== 'dead');
  }

  /** Batches sent and not answered yet. */
  get inFlight(): number {
    return this.slots.reduce((n, s) => n + s.inFlight.size, 0);
  }

  /** Posts a batch to a ready worker with fewer than `depth` batches in flight; returns its id, or undefined when all are busy. */
  send(items: TaskItem[], depth: number): number | undefined {
    const slot = this.slots.filter((s) => s.state === 'ready' && s.inFlight.size < depth).sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
    if (!slot) return undefined;
    const id = this.nextId++;
    slot.inFlight.add(id);
    slot.port.postMessage({ id, items } satisfies BatchMessage);
    return id;
  }

  /**
   * The answers that have arrived: finished batches, and the ids of batches whose worker
   * failed (to be rendered by the caller). With `wait`, blocks until a message arrives
   * (an answer, or a worker ready or failed), unless none can.
   */
  collect(wait: boolean): { done: { id: number; results: FileResult[][] }[]; lost: number[] } {
    const done: { id: number; results: FileResult[][] }[] = [];
    const lost: number[] = [];
    let waitedSince = 0;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      let got = false;
      for (const slot of this.slots) {
        for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
          got = true;
          const message = m.message as WorkerMessage;
          if (message.type === 'ready') slot.state = slot.state === 'dead' ? 'dead' : 'ready';
          else if (message.type === 'done') {
            if (slot.inFlight.delete(message.id)) done.push({ id: message.id, results: message.results });
          } else this.fail(slot, lost);
        }
      }
      if (!wait || got || (this.inFlight === 0 && !this.slots.some((s) => s.state === 'starting'))) return { done, lost };
      const now = Date.now();
      waitedSince ||= now;
      if (now - waitedSince > STALL_MS) {
        for (const slot of this.slots) this.fail(slot, lost);
        return { done, lost };
      }
      Atomics.wait(this.signal, 0, seen, 1000);
    }
  }

  /** Stops the workers; their threads end in the background and never keep the process alive. */
  close(): void {
    for (const slot of this.slots) this.stop(slot);
  }

  private fail(slot: WorkerSlot, lost: number[]): void {
    lost.push(...slot.inFlight);
    slot.inFlight.clear();
    this.stop(slot);
  }

  private stop(slot: WorkerSlot): void {
    slot.state = 'dead';
    slot.port.close();
    void slot.worker.terminate().catch(() => {});
  }
}
