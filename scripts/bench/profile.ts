/**
 * npx tsx scripts/bench/profile.ts FILE.cpuprofile [--top 25]
 *
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by stage (the module a
 * function lives in, grouped as README "Performance" describes), by module, and the
 * hottest functions. Each sample is attributed to its innermost frame in our own code
 * (scripts/lib/*), so time spent inside a library (Handlebars, yaml, crypto) counts
 * for the stage that called it; frames outside any of our modules are "node / libraries".
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const STAGES: [RegExp, string][] = [
  [/\/(load|yaml-file|validate|shape|schema|strings|glossary|coverage|i18n)\.ts$/, 'load + validate'],
  [/\/(pairs|pages)\.ts$/, 'pairs + pages'],
  [/\/(signature|hash|manifest)\.ts$/, 'signatures + hashing'],
  [/\/(view-model|facts|references|site-views|seo)\.ts$/, 'view models'],
  [/\/(templates|render|escape)\.ts$/, 'rendering'],
  [/\/(writer)\.ts$/, 'writing'],
  [/\/(plan|pipeline|render-pool|render-worker|shard|cli|diagnostics)\.ts$/, 'planning + orchestration'],
];

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
for (const file of positionals) summarise(file, Number(values.top));

function summarise(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = (n: ProfileNode) => /\/scripts\/lib\/[^/]+\.ts$/.test(n.callFrame.url);
  // Innermost frame of our own code on each node's stack.
  const owner = new Map<number, ProfileNode | undefined>();
  const ownerOf = (id: number): ProfileNode | undefined => {
    if (owner.has(id)) return owner.get(id);
    const n = byId.get(id)!;
    const o = ours(n) ? n : parent.has(id) ? ownerOf(parent.get(id)!) : undefined;
    owner.set(id, o);
    return o;
  };
  const stage = new Map<string, number>();
  const module = new Map<string, number>();
  const fn = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id)!;
    total += dt;
    const name = n.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') {
      if (name === '(idle)') idle += dt;
      add(stage, name, dt);
      return;
    }
    if (name === '(garbage collector)') {
      add(stage, 'garbage collector', dt);
      return;
    }
    const o = ownerOf(id);
    const url = o?.callFrame.url ?? '';
    const mod = url ? url.slice(url.lastIndexOf('/') + 1) : 'node / libraries';
    add(module, mod, dt);
    add(stage, STAGES.find(([re]) => re.test(url))?.[1] ?? 'node / libraries', dt);
    const self = n.callFrame;
    add(fn, `${self.functionName || '(anonymous)'} ${self.url.replace(/^.*\/(node_modules\/)?/, '')}:${self.lineNumber + 1}`, dt);
  });
  const table = (title: string, m: Map<string, number>, limit = Infinity) => {
    process.stdout.write(`\n| ${title} | ms | share |\n| --- | --- | --- |\n`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      process.stdout.write(`| ${k} | ${Math.round(v)} | ${((100 * v) / total).toFixed(1)}% |\n`);
    }
  };
  process.stdout.write(`${file}: ${Math.round(total)} ms sampled, ${Math.round(idle)} ms idle\n`);
  table('stage', stage);
  table('module (innermost of scripts/lib)', module);
  table('function (self time)', fn, top);
}
