/** One measured build, in its own process (for peak RSS): prints a JSON line. */
import { performance } from 'node:perf_hooks';
import { build, defaultPaths } from '../lib/pipeline.ts';

const root = process.argv[2]!;
const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
const started = performance.now();
const r = build(defaultPaths(root), { workers });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, pages: r.pages, files: r.files, written: r.write.written.length, rendered: r.rendered, byWorkers: r.renderedByWorkers, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
