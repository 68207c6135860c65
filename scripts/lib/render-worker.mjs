// Entry point of a render worker thread (render-pool.ts). Plain JavaScript so that it
// starts whatever runs the main thread (tsx, vitest, plain node): it loads the
// TypeScript worker through tsx's scoped loader, which touches no other thread.
import { tsImport } from 'tsx/esm/api';

await tsImport('./render-worker.ts', import.meta.url);
