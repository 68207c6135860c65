/**
 * The floor: a plain script that writes the same bytes to the same paths. The bytes are
 * read into memory first (not timed); only the writing is.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';

const [from, to] = [process.argv[2]!, process.argv[3]!];
const files: [string, Buffer][] = [];
const walk = (d: string): void => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else files.push([relative(from, p), readFileSync(p)]);
  }
};
walk(from);
rmSync(to, { recursive: true, force: true });
const started = performance.now();
const made = new Set<string>();
for (const [path, bytes] of files) {
  const target = join(to, path);
  const dir = dirname(target);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(target, bytes);
}
const seconds = (performance.now() - started) / 1000;
rmSync(to, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ seconds, files: files.length, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
