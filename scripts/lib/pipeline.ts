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
import { countPlanned, inScope, planBuild, selectPages, type BuildFilter } from './plan.ts';
import type { Renderers } from './render.ts';
import type { OutputFormat } from './schema.ts';
import { checkProfile, GENERIC_PROFILE, listProfiles, loadProfile, planProfile, type LoadedProfile } from './profiles.ts';
import { loadTemplates, TemplateRenderError } from './templates.ts';
import { validateData, type DataSet } from './validate.ts';
import { OutputSession, type WriteOptions, type WriteResult } from './writer.ts';

export interface ProjectPaths {
  root: string;
  dataDir: string;
  templatesDir: string;
  outDir: string;
  /** Export profiles: profiles/<name>/profile.yaml and its files. */
  profilesDir: string;
}

export function defaultPaths(root: string, outDir?: string): ProjectPaths {
  const r = resolve(root);
  return { root: r, dataDir: join(r, 'data'), templatesDir: join(r, 'templates'), outDir: resolve(r, outDir ?? 'out'), profilesDir: join(r, 'profiles') };
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
  reportMissing(coverage, options.strict ?? false, bag);
  const index = buildSiteIndex(data, bag);
  for (const format of ['md', 'html'] as const) {
    if (options.formats && !options.formats.includes(format)) continue;
    const t = loadTemplates(paths.templatesDir, paths.root, format, data.source.messages, bag);
    if (t) templates[format] = t;
  }
  for (const name of options.profiles ?? []) {
    const lp = loadProfile(paths.root, paths.profilesDir, name, bag);
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
}

export interface BuildResult {
  pages: number;
  files: number;
  /** Files rendered (the others were kept because their inputs had not changed). */
  rendered: number;
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
    const known = listProfiles(paths.profilesDir);
    if (!known.includes(profile)) throw new UsageError(`unknown profile "${profile}"; use ${[GENERIC_PROFILE, ...known].join(', ')}`);
    if (options.formats) throw new UsageError(`--format applies to the generic output only; profile "${profile}" decides its own files`);
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
  // A profile plans its own paths; the rest of the build is the same.
  const plan =
    profile === undefined
      ? { files: planBuild(index, check.templates, filter), total: countPlanned(index, check.templates, filter), inScope: (path: string) => inScope(filter, path) }
      : planProfile(index, check.templates.md!, check.profiles.get(profile)!, filter);
  const total = plan.total;
  const session = new OutputSession(paths.outDir, plan.inScope, { writeFile: options.writeFile });
  const failedTemplates = new Set<string>();
  let files = 0;
  let rendered = 0;
  try {
    for (const file of plan.files) {
      files++;
      options.onProgress?.(files, total);
      if (!bag.errors.length && session.keep(file.path, file.input)) continue;
      let content: string;
      try {
        content = file.render();
        rendered++;
      } catch (e) {
        const where = e instanceof TemplateRenderError ? e.file : `data/locales/${file.page?.locale.id ?? ''}`;
        // One error per template is enough; the other pages would repeat it.
        if (!failedTemplates.has(where)) reportRenderError(e, where, file.path, bag);
        failedTemplates.add(where);
        continue;
      }
      if (!bag.errors.length) session.put(file.path, content, file.input);
    }
  } catch (e) {
    session.abort();
    throw e;
  }
  if (bag.errors.length) {
    session.abort();
    throw new DataError(bag.sorted());
  }
  const write = session.commit();
  return { pages, files, rendered, write, warnings: bag.sorted().filter((d) => d.severity === 'warning'), coverage: check.coverage };
}

/** Strict-mode Handlebars errors end in " - line:col"; the file being rendered is named so the error can be reproduced. */
function reportRenderError(e: unknown, where: string, path: string, bag: DiagnosticBag): void {
  const message = (e instanceof Error ? e.message : String(e)).replace('[object Object]', 'the view model');
  const at = /- (\d+):(\d+)$/.exec(message);
  const pos = at ? { line: Number(at[1]), col: Number(at[2]) + 1 } : { line: 1, col: 1 };
  bag.error(where, pos, 'TEMPLATE_RENDER', `${message.replace(/ - \d+:\d+$/, '')} (while rendering ${path})`);
}
