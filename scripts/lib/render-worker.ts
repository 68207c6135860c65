/**
 * A render worker thread (started by render-pool.ts through render-worker.mjs): loads and
 * checks the project once, then renders the comparisons it is sent with the same code as
 * the main thread (plan.ts renderPageFile), writes their bytes to the temporary files the
 * main thread reserved, and answers with their hashes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { workerData } from 'node:worker_threads';
import { hashContent } from './manifest.ts';
import { checkProject } from './pipeline.ts';
import { renderPageFile } from './plan.ts';
import { outputPath } from './render.ts';
import { projectFingerprint, renderFailure, type BatchMessage, type FileResult, type WorkerMessage, type WorkerSetup } from './render-pool.ts';
import { buildArticle, type ArticleView } from './view-model.ts';

const setup = workerData as WorkerSetup;
const signal = new Int32Array(setup.signal);

function post(message: WorkerMessage): void {
  setup.port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function fail(e: unknown): void {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  setup.port.close();
}

try {
  const check = checkProject(setup.paths, { strict: setup.strict, formats: setup.formats });
  const { index } = check;
  if (check.bag.errors.length || !index) throw new Error('the project has errors');
  if (projectFingerprint(check) !== setup.fingerprint) throw new Error('the data or templates changed during the build');
  setup.port.on('message', (batch: BatchMessage) => {
    try {
      const results = batch.items.map((item): FileResult[] => {
        const page = index.pages[item.page];
        if (!page) throw new Error(`no page ${item.page}`);
        let view: ArticleView | undefined;
        const viewOf = () => (view ??= buildArticle(index, page));
        return item.formats.map((format, k) => {
          if (outputPath(format, page.locale.id, page.protocol.id, page.pair.slug) !== item.paths[k]) throw new Error(`page ${item.page} is not ${item.paths[k]}`);
          let content: string;
          try {
            content = renderPageFile(index, check.templates, page, format, viewOf);
          } catch (e) {
            return { error: renderFailure(e, page.locale.id) };
          }
          const hash = hashContent(content);
          if (hash === item.previous[k]) return { same: true, hash };
          try {
            mkdirSync(dirname(item.temps[k]!), { recursive: true });
            writeFileSync(item.temps[k]!, content);
            return { written: true, hash };
          } catch {
            // The main thread writes it, and reports the error as a one-thread build would.
            return { content, hash };
          }
        });
      });
      post({ type: 'done', id: batch.id, results });
    } catch (e) {
      fail(e);
    }
  });
  post({ type: 'ready' });
} catch (e) {
  fail(e);
}
