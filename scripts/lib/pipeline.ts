/**
 * The whole build: load → validate → pairs → view model → render → write.
 * Every data and template error is collected before anything is written; a run
 * that fails leaves the output folder as it was.
 */
import { join, resolve } from 'node:path';
import { computeCoverage, reportMissing, type LocaleCoverage } from './coverage.ts';
import { DataError, DiagnosticBag, UsageError, type Diagnostic } from './diagnostics.ts';
import { loadData } from './load.ts';
import { buildSiteIndex, type SiteIndex } from './pages.ts';
import { planBuild, type BuildFilter } from './plan.ts';
import type { Renderers } from './render.ts';
import type { OutputFormat } from './schema.ts';
import { loadTemplates } from './templates.ts';
import { validateData, type DataSet } from './validate.ts';
import { writeOutput, type WriteOptions, type WriteResult } from './writer.ts';

export interface ProjectPaths {
  root: string;
  dataDir: string;
  templatesDir: string;
  outDir: string;
}

export function defaultPaths(root: string, outDir?: string): ProjectPaths {
  const r = resolve(root);
  return { root: r, dataDir: join(r, 'data'), templatesDir: join(r, 'templates'), outDir: resolve(r, outDir ?? 'out') };
}

export interface CheckResult {
  bag: DiagnosticBag;
  data?: DataSet;
  index?: SiteIndex;
  templates: Renderers;
  coverage: LocaleCoverage[];
}

/** Loads and checks data and templates; never writes. */
export function checkProject(paths: ProjectPaths, options: { strict?: boolean; formats?: OutputFormat[] } = {}): CheckResult {
  const bag = new DiagnosticBag();
  const loaded = loadData(paths.root, paths.dataDir, bag);
  const data = validateData(loaded, bag);
  const templates: Renderers = {};
  if (!data) return { bag, templates, coverage: [] };
  const coverage = computeCoverage(data);
  reportMissing(coverage, options.strict ?? false, bag);
  const index = buildSiteIndex(data, bag);
  for (const format of ['md', 'html'] as const) {
    if (options.formats && !options.formats.includes(format)) continue;
    const t = loadTemplates(paths.templatesDir, paths.root, format, data.source.messages, bag);
    if (t) templates[format] = t;
  }
  return { bag, data, index, templates, coverage };
}

export interface BuildOptions {
  strict?: boolean;
  locales?: string[];
  protocols?: string[];
  formats?: OutputFormat[];
  onRender?: (done: number, total: number) => void;
  onWrite?: WriteOptions['onProgress'];
  writeFile?: WriteOptions['writeFile'];
}

export interface BuildResult {
  pages: number;
  files: number;
  write: WriteResult;
  warnings: Diagnostic[];
  coverage: LocaleCoverage[];
}

/** Builds the site. Throws DataError (exit 1) or OutputError (exit 3). */
export function build(paths: ProjectPaths, options: BuildOptions = {}): BuildResult {
  const check = checkProject(paths, options);
  const { bag, data, index } = check;
  if (bag.errors.length || !data || !index) throw new DataError(bag.sorted());
  for (const l of options.locales ?? []) {
    if (!data.locales.some((x) => x.id === l)) throw new UsageError(`unknown locale "${l}"; data/site.yaml lists ${data.locales.map((x) => x.id).join(', ')}`);
  }
  for (const p of options.protocols ?? []) {
    if (!data.protocols.some((x) => x.id === p)) throw new UsageError(`unknown protocol "${p}"; data/protocols has ${data.protocols.map((x) => x.id).join(', ')}`);
  }
  const filter: BuildFilter = {
    locales: options.locales,
    protocols: options.protocols,
    formats: options.formats ?? data.site.formats,
  };
  const total = index.pages.filter(
    (p) => (!filter.locales || filter.locales.includes(p.locale.id)) && (!filter.protocols || filter.protocols.includes(p.protocol.id)),
  ).length;
  let done = 0;
  const plan = planBuild(index, check.templates, filter, bag, () => options.onRender?.(++done, total));
  if (bag.errors.length) throw new DataError(bag.sorted());
  const write = writeOutput(paths.outDir, plan, { onProgress: options.onWrite, writeFile: options.writeFile });
  return { pages: plan.pages, files: plan.files.length, write, warnings: bag.sorted().filter((d) => d.severity === 'warning'), coverage: check.coverage };
}
