/**
 * The whole build: load → validate → pairs → view model → render → write.
 * Every data and template error is collected before anything is written; a run
 * that fails leaves the output folder as it was.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { computeCoverage, reportMissing, type LocaleCoverage } from './coverage.ts';
import { DataError, DiagnosticBag, UsageError, type Diagnostic } from './diagnostics.ts';
import { loadData } from './load.ts';
import { buildSiteIndex, type SiteIndex } from './pages.ts';
import { countPlanned, inScope, planBuild, selectPages, type BuildFilter } from './plan.ts';
import type { Renderers } from './render.ts';
import { projectFingerprint, RenderPool, renderFailure, type RenderFailure } from './render-pool.ts';
import { RenderQueue } from './render-queue.ts';
import { ShardPlan } from './shard.ts';
import type { OutputFormat } from './schema.ts';
import { checkProfile, GENERIC_PROFILE, listProfiles, loadProfile, planProfile, type LoadedProfile } from './profiles.ts';
import { loadTemplates } from './templates.ts';
import { validateData, type DataSet } from './validate.ts';
import { OutputSession, upToDate, type WriteOptions, type WriteResult } from './writer.ts';
import { inputFingerprint } from './fingerprint.ts';

export interface ProjectPaths {
  root: string;
  dataDir: string;
  templatesDir: string;
  outDir: string;
  /** Export profiles: profiles/<name>/profile.yaml and its files (default `<root>/profiles`). */
  profilesDir?: string;
}

export function defaultPaths(root: string, outDir?: string): ProjectPaths {
  const r = resolve(root);
  return { root: r, dataDir: join(r, 'data'), templatesDir: join(r, 'templates'), outDir: resolve(r, outDir ?? 'out'), profilesDir: join(r, 'profiles') };
}

export function profilesDirOf(paths: ProjectPaths): string {
  return paths.profilesDir ?? join(paths.root, 'profiles');
}

export interface CheckResult {
  bag: DiagnosticBag;
  data?: DataSet;
  index?: SiteIndex;
  templates: Renderers;
  coverage: LocaleCoverage[];
  /** The export profiles that were asked for and are valid. */
  profiles: Map<string, LoadedProfile>;
}

/** Loads and checks data, templates and the export profiles named; never writes. */
export function checkProject(paths: ProjectPaths, options: { strict?: boolean; formats?: OutputFormat[]; profiles?: string[] } = {}): CheckResult {
  const bag = new DiagnosticBag();
  const loaded = loadData(paths.root, paths.dataDir, bag);
  const data = validateData(loaded, bag);
  const templates: Renderers = {};
  const profiles = new Map<string, LoadedProfile>();
  if (!data) return { bag, templates, coverage: [], profiles };
  const coverage = computeCoverage(data);
  reportMissing(coverage, options.strict ?? false, bag, data.source.id);
  const index = buildSiteIndex(data, bag);
  for (const format of ['md', 'html'] as const) {
    if (options.formats && !options.formats.includes(format)) continue;
    const t = loadTemplates(paths.templatesDir, paths.root, format, data.source.messages, bag);
    if (t) templates[format] = t;
  }
  for (const name of options.profiles ?? []) {
    const lp = loadProfile(paths.root, profilesDirOf(paths), name, bag);
    // The check builds one page's view model, which needs valid data.
    if (lp && !bag.errors.length && checkProfile(lp, index, bag)) profiles.set(name, lp);
  }
  return { bag, data, index, templates, coverage, profiles };
}

export interface BuildOptions {
  strict?: boolean;
  locales?: string[];
  protocols?: string[];
  formats?: OutputFormat[];
  /** Write HTML redirect pages at the reverse-order URLs (for static hosts without redirects). */
  redirectStubs?: boolean;
  /** An export profile (profiles/<name>/); `generic` or none builds the formats. */
  profile?: string;
  /** Called as files are planned: files done, files in all. */
  onProgress?: (done: number, total: number) => void;
  writeFile?: WriteOptions['writeFile'];
  /**
   * Threads that render, the main one included: 1 renders in-process, N starts N − 1 worker
   * threads (default: one per CPU, at most four; small builds stay in-process anyway).
   */
  workers?: number;
  /** Renders before worker threads are started (default WORKER_THRESHOLD; tests lower it). */
  workerThreshold?: number;
  /** For tests: the main thread waits for the workers instead of rendering batches itself. */
  waitForWorkers?: boolean;
  /** Build only this deterministic part of the files (shard.ts), with its own manifest. */
  shard?: { index: number; count: number };
}

export interface BuildResult {
  pages: number;
  files: number;
  /** Files rendered (the others were kept because their inputs had not changed). */
  rendered: number;
  /** Of those, files rendered by worker threads. */
  renderedByWorkers: number;
  /** Nothing had changed since the last build into this folder (same input fingerprint): nothing was loaded. */
  upToDate: boolean;
  write: WriteResult;
  warnings: Diagnostic[];
  coverage: LocaleCoverage[];
}

/**
 * Builds the site. Throws DataError (exit 1) or OutputError (exit 3); in both cases
 * the output folder is left as it was.
 */
export function build(paths: ProjectPaths, options: BuildOptions = {}): BuildResult {
  const profile = options.profile === GENERIC_PROFILE ? undefined : options.profile;
  if (profile !== undefined) {
    const known = listProfiles(profilesDirOf(paths));
    if (!known.includes(profile)) throw new UsageError(`unknown profile "${profile}"; use ${[GENERIC_PROFILE, ...known].join(', ')}`);
    if (options.formats) throw new UsageError(`--format applies to the generic output only; profile "${profile}" decides its own files`);
    if (options.shard) throw new UsageError(`--shard applies to the generic output only`);
  }
  // Nothing changed since a build without warnings into this folder: nothing to load, render or write.
  const fingerprint = options.shard ? undefined : buildFingerprint(paths, profile, options);
  const done = fingerprint && upToDate(paths.outDir, fingerprint);
  if (done) {
    return { pages: done.pages, files: done.files, rendered: 0, renderedByWorkers: 0, upToDate: true, write: { written: [], unchanged: done.files, pruned: [] }, warnings: [], coverage: [] };
  }
  const check = checkProject(paths, profile === undefined ? options : { ...options, formats: ['md'], profiles: [profile] });
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
    formats: profile === undefined ? (options.formats ?? data.site.formats) : [],
    redirectStubs: options.redirectStubs,
  };
  const pages = selectPages(index, filter).length;
  // A profile plans its own paths (its files render in-process); the rest of the build is the same.
  const plan =
    profile === undefined
      ? { files: planBuild(index, check.templates, filter), total: countPlanned(index, check.templates, filter), inScope: (path: string) => inScope(filter, path) }
      : planProfile(index, check.templates.md!, check.profiles.get(profile)!, filter);
  const total = plan.total;
  const shard = options.shard;
  const session = new OutputSession(paths.outDir, plan.inScope, { writeFile: options.writeFile });
  const failedTemplates = new Set<string>();
  const report = (failure: RenderFailure, path: string) => {
    // One error per template is enough; the other pages would repeat it.
    if (!failedTemplates.has(failure.where)) reportRenderError(failure, path, bag);
    failedTemplates.add(failure.where);
  };
  const pageIndex = new Map(index.pages.map((p, i) => [p, i]));
  const shardPlan = shard && new ShardPlan(shard);
  let files = 0;
  let rendered = 0;
  const queue = new RenderQueue({
    workers: options.workers ?? defaultWorkers(),
    threshold: options.workerThreshold ?? WORKER_THRESHOLD,
    waitForWorkers: options.waitForWorkers,
    remaining: () => (total - files) / (shard?.count ?? 1),
    pageIndex: (page) => pageIndex.get(page)!,
    reserve: (path) => session.reserve(path),
    startPool: (size) => {
      const { root, dataDir, templatesDir, outDir } = paths;
      return new RenderPool(size, { paths: { root, dataDir, templatesDir, outDir }, strict: options.strict ?? false, formats: options.formats, fingerprint: projectFingerprint(check) });
    },
    resolve: (file, outcome) => {
      if (outcome.kind === 'kept') {
        // After an error nothing is written; unchanged files are rendered too, to report every error.
        if (!bag.errors.length) return;
        try {
          file.render();
        } catch (e) {
          report(renderFailure(e, file.page?.locale.id ?? ''), file.path);
        }
      } else if (outcome.kind === 'error') {
        report(outcome.failure, file.path);
      } else if (outcome.kind === 'written') {
        rendered++;
        // After an error the temporary file stays reserved, and abort removes it.
        if (!bag.errors.length) session.adopt(file.path, file.input, outcome.hash);
      } else if (outcome.kind === 'same') {
        rendered++;
        // The same bytes as before, unless the file was deleted meanwhile: then it is written here.
        if (!bag.errors.length && !session.same(file.path, file.input, outcome.hash)) session.put(file.path, file.render(), file.input);
      } else {
        rendered++;
        if (!bag.errors.length) session.put(file.path, outcome.content, file.input, outcome.hash);
      }
    },
  });
  try {
    for (const file of plan.files) {
      files++;
      options.onProgress?.(files, total);
      if (shardPlan && !shardPlan.take(file)) continue;
      if (!bag.errors.length && session.keep(file.path, file.input)) queue.kept(file);
      else queue.render(file);
    }
    queue.finish();
  } catch (e) {
    queue.close();
    session.abort();
    throw e;
  }
  if (bag.errors.length) {
    session.abort();
    throw new DataError(bag.sorted());
  }
  if (shardPlan) session.setShard(shardPlan.info());
  const warnings = bag.sorted().filter((d) => d.severity === 'warning');
  // Only a build with nothing to report may be skipped next time (its warnings would not be printed again).
  const clean = !warnings.length && check.coverage.every((c) => !c.missing.length && !c.stale.length);
  if (fingerprint && clean) session.setFingerprint({ hash: fingerprint, pages, files });
  const write = session.commit();
  return { pages, files, rendered, renderedByWorkers: queue.byWorkers, upToDate: false, write, warnings, coverage: check.coverage };
}

/** What a build reads and the options that shape its output (not those that only change how it runs: workers, progress). */
function buildFingerprint(paths: ProjectPaths, profile: string | undefined, options: BuildOptions): string {
  const { strict, locales, protocols, formats, redirectStubs } = options;
  return inputFingerprint({
    dataDir: paths.dataDir,
    templatesDir: paths.templatesDir,
    profileDir: profile === undefined ? undefined : join(profilesDirOf(paths), profile),
    options: { strict: strict ?? false, locales, protocols, formats, redirectStubs: redirectStubs ?? false, profile: profile ?? null },
  });
}

/**
 * Renders a build needs, done and still to come, before starting worker threads pays for their
 * start (each loads the project, 1–3 s: about as long as rendering a few thousand files).
 */
export const WORKER_THRESHOLD = 3000;

/**
 * One rendering thread per CPU, the main thread included, at most four (each worker holds
 * the project and its own heap). On two idle cores the second thread took the cold build of
 * the benchmark from 22.6 s to 17.3 s; where the cores are busy, `--workers 1` spends less.
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/** Strict-mode Handlebars errors end in " - line:col"; the file being rendered is named so the error can be reproduced. */
function reportRenderError(failure: RenderFailure, path: string, bag: DiagnosticBag): void {
  const message = failure.message.replace('[object Object]', 'the view model');
  const at = /- (\d+):(\d+)$/.exec(message);
  const pos = at ? { line: Number(at[1]), col: Number(at[2]) + 1 } : { line: 1, col: 1 };
  bag.error(failure.where, pos, 'TEMPLATE_RENDER', `${message.replace(/ - \d+:\d+$/, '')} (while rendering ${path})`);
}
