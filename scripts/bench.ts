/**
 * npm run bench -- [--sizes 40,80] [--locales 6] [--runs 3] [--workers N] [--dir DIR]
 *
 * Builds a synthetic protocol with N codes in L locales (texts copied from real codes,
 * so lengths and scripts are realistic) with the real pipeline, and times five
 * scenarios against the floor (writing the same bytes with a plain script), each the
 * median of --runs runs, each run in its own process. Prints a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { addSyntheticCode, realCodes, syntheticCode, writeSyntheticProject } from './lib/synthetic.ts';

const REPO = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '40,80' },
    locales: { type: 'string', default: '6' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(availableParallelism()) },
    dir: { type: 'string', default: existsSync('/dev/shm') ? '/dev/shm/codecompare-bench' : join(tmpdir(), 'codecompare-bench') },
  },
});
const sizes = values.sizes.split(',').map(Number);
const L = Number(values.locales);
const RUNS = Number(values.runs);
const loader = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

interface Run {
  seconds: number;
  pages?: number;
  files: number;
  written?: number;
  maxRssMb: number;
}

function child(script: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', loader, join(REPO, 'scripts/bench', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: string[] = [];
for (const N of sizes) {
  const root = join(values.dir, `n${N}`);
  const ids = writeSyntheticProject(REPO, root, N, L);
  const real = realCodes(REPO);
  const build = () => child('run-build.ts', root, values.workers);
  const measure = (name: string, before: () => void, after: () => void) => {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      before();
      runs.push(build());
      after();
    }
    return { name, runs };
  };
  process.stderr.write(`N=${N}, L=${ids.length}: cold builds…\n`);
  const cold = measure('cold full build', () => rmSync(join(root, 'out'), { recursive: true, force: true }), () => {});
  const floorRuns = Array.from({ length: RUNS }, () => child('floor.ts', join(root, 'out'), join(root, 'floor')));
  const floor = median(floorRuns.map((r) => r.seconds));
  process.stderr.write(`N=${N}: incremental scenarios…\n`);
  const noop = measure('no-op rebuild', () => {}, () => {});
  const added = syntheticCode(N);
  const addCode = measure(
    'one code added',
    () => addSyntheticCode(REPO, root, N, N + 1, ids, real),
    () => {
      rmSync(join(root, `data/protocols/sip/codes/${added}.yaml`));
      for (const id of ids) rmSync(join(root, `data/locales/${id}/protocols/sip/codes/${added}.yaml`));
      build();
    },
  );
  const ui = join(root, `data/locales/${ids[1] ?? ids[0]}/ui.yaml`);
  const uiText = readFileSync(ui, 'utf8');
  const string = measure('one locale string changed', () => writeFileSync(ui, uiText.replace(/^(\s*whatItMeans: .*?)("?)$/m, '$1 ·$2')), () => {
    writeFileSync(ui, uiText);
    build();
  });
  const tpl = join(root, 'templates/md/article.hbs');
  const tplText = readFileSync(tpl, 'utf8');
  const template = measure('one template changed (md)', () => writeFileSync(tpl, tplText.replace('# {{md title}}', '# {{md title}}\n')), () => {
    writeFileSync(tpl, tplText);
    build();
  });
  for (const { name, runs } of [cold, noop, addCode, string, template]) {
    const s = median(runs.map((r) => r.seconds));
    const r = runs[0]!;
    rows.push(
      `| ${N} | ${ids.length} | ${name} | ${r.pages} | ${median(runs.map((x) => x.written ?? 0))} | ${s.toFixed(2)} | ${Math.round(r.pages! / s)} | ${(s / floor).toFixed(2)} | ${Math.round(Math.max(...runs.map((x) => x.maxRssMb)))} |`,
    );
  }
  rows.push(`| ${N} | ${ids.length} | floor (plain writes of the same ${floorRuns[0]!.files} files) | – | ${floorRuns[0]!.files} | ${floor.toFixed(2)} | – | 1.00 | ${Math.round(floorRuns[0]!.maxRssMb)} |`);
  rmSync(root, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, --workers ${values.workers}, output in ${values.dir}`;
process.stdout.write(
  [
    `Benchmark (median of ${RUNS} runs; ${machine})`,
    '',
    '| N codes | L locales | scenario | pages | files written | seconds | pages/s | ratio to floor | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n'),
);
