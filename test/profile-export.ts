/**
 * The profile tests' shared step: export the bundled data once with a profile into a
 * temporary project, and say which locales the real tool builds. Each tool is run once
 * per test file, on every page of the locales it gets.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, tempProject } from './project.ts';

/** The export and the tool run in beforeAll: allow for a busy machine (each takes 1–2 minutes on an idle one). */
export const HOOK_TIMEOUT = 900_000;

export interface ProfileExport {
  project: ReturnType<typeof tempProject>;
  /** Locales the tool builds (every page of each), in site order. */
  locales: string[];
  /** Locales that publish pages, in site order. */
  allLocales: string[];
  /** Locale id → BCP 47 tag. */
  tags: Map<string, string>;
  /** Locale id → text direction. */
  dirs: Map<string, string>;
  /** Pages per locale. */
  pagesPerLocale: Map<string, number>;
  /** Locale → the pages it publishes, as "<protocol>/<slug>" (slugs repeat across protocols: 200-ok-vs-…). */
  slugs: Map<string, Set<string>>;
  sourceLocale: string;
}

/**
 * Locales a tool's test builds when the export is bounded, in this order of preference: English,
 * a right-to-left language, a CJK one, then the rest. The locales keep their site order.
 */
const PREFERENCE = ['en', 'ar', 'ja', 'fr', 'zh-hans', 'de', 'ru', 'ko', 'es', 'pt-br', 'hi', 'th', 'tr', 'vi', 'id'];

/**
 * Exports the bundled data with `profile`. `maxLocales` bounds the tool's work so that
 * `npm test` stays inside CI's 20 minutes (each profile's test says what its tool costs per
 * locale); `PROFILE_LOCALES=all` (npm run test:profiles) builds every locale, and
 * `PROFILE_LOCALES=N` N of them.
 */
export function exportProfile(profile: string, maxLocales: number): ProfileExport {
  const project = tempProject({ dataFrom: REPO });
  const { data, index } = checkProject(project);
  const allLocales = data!.locales.filter((l) => index!.pages.some((p) => p.locale === l)).map((l) => l.id);
  const wanted = process.env.PROFILE_LOCALES === 'all' ? allLocales.length : Number(process.env.PROFILE_LOCALES) || maxLocales;
  const rank = (l: string) => (PREFERENCE.includes(l) ? PREFERENCE.indexOf(l) : PREFERENCE.length);
  const chosen = new Set([...allLocales].sort((x, y) => rank(x) - rank(y)).slice(0, wanted));
  const locales = allLocales.filter((l) => chosen.has(l));
  const started = performance.now();
  const result = build(project, { profile, strict: false, locales: locales.length === allLocales.length ? undefined : locales });
  log(`${profile}: exported ${result.pages} pages (${locales.length} of ${allLocales.length} locales) in ${seconds(started)}`);
  const pagesPerLocale = new Map<string, number>();
  const slugs = new Map<string, Set<string>>();
  for (const p of index!.pages) {
    pagesPerLocale.set(p.locale.id, (pagesPerLocale.get(p.locale.id) ?? 0) + 1);
    if (!slugs.has(p.locale.id)) slugs.set(p.locale.id, new Set());
    slugs.get(p.locale.id)!.add(`${p.protocol.id}/${p.pair.slug}`);
  }
  return { project, locales, allLocales, tags: new Map(data!.locales.map((l) => [l.id, l.info.tag])), dirs: new Map(data!.locales.map((l) => [l.id, l.info.dir])), pagesPerLocale, slugs, sourceLocale: data!.source.id };
}

/** Runs a tool, returning its output and printing its time (for the README's figures; never asserted). */
export function runTool(label: string, command: string, args: string[], cwd: string): string {
  const started = performance.now();
  try {
    const out = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    log(`${label}: ${seconds(started)}`);
    return out;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${label} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** Every file under `dir`, relative, forward slashes. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

export function log(line: string): void {
  process.stdout.write(`[profiles] ${line}\n`);
}
