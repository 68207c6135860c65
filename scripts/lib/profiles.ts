/**
 * Export profiles (README "Export profiles"): `profiles/<name>/profile.yaml` declares
 * where a tool expects each file, which fields its front matter (or JSON line) has and
 * how the body is escaped; the folder also holds files copied as they are (layouts,
 * schemas). The pipeline is the same for every profile: the same pages, view models
 * and Markdown templates; only paths, field mapping and escaping differ.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { START, type DiagnosticBag } from './diagnostics.ts';
import { serializeData, withFrontMatter } from './front-matter.ts';
import { sha256 } from './hash.ts';
import { interpolate, MappingError, resolveMapping, type MappingPath } from './mapping.ts';
import { pagePath, type Page, type SiteIndex } from './pages.ts';
import type { BuildFilter, PlannedFile } from './plan.ts';
import { EXPORT_SCHEMAS, profileSchema, type ArticleRecord, type Mapping, type Profile, type SiteRecord } from './schema.ts';
import { checkShape } from './shape.ts';
import { PageSignatures } from './signature.ts';
import type { CompiledTemplates } from './templates.ts';
import { buildArticle, type ArticleView } from './view-model.ts';
import { parseYamlFile, type YamlFile } from './yaml-file.ts';

/** The built-in output (out/md, out/html, out/json); every other name is a folder of profiles/. */
export const GENERIC_PROFILE = 'generic';

/** Bumped when a profile's output changes for the same inputs, so that every file is rendered again. */
const PROFILE_OUTPUT_VERSION = '1';

export interface LoadedProfile {
  name: string;
  /** profile.yaml, project-relative. */
  file: string;
  yaml: YamlFile;
  profile: Profile;
  /** Hash of profile.yaml and the files it copies: a change re-renders the profile's files. */
  hash: string;
  /** Export path → content of each copied file. */
  copies: Map<string, string>;
}

export function listProfiles(profilesDir: string): string[] {
  if (!existsSync(profilesDir)) return [];
  return readdirSync(profilesDir)
    .filter((n) => existsSync(join(profilesDir, n, 'profile.yaml')))
    .sort();
}

/** Reads and checks profiles/<name>/profile.yaml and the files it copies. */
export function loadProfile(root: string, profilesDir: string, name: string, bag: DiagnosticBag): LoadedProfile | undefined {
  const dir = join(profilesDir, name);
  const path = join(dir, 'profile.yaml');
  const file = relative(root, path).split(sep).join('/');
  if (!existsSync(path)) {
    bag.error(file, START, 'FILE_MISSING', `profile "${name}" has no profile.yaml`);
    return undefined;
  }
  const text = readFileSync(path, 'utf8');
  const yaml = parseYamlFile(file, text, bag);
  const profile = checkShape(yaml, profileSchema, bag);
  if (!profile) return undefined;
  const copies = new Map<string, string>();
  let ok = true;
  for (const [target, source] of Object.entries(profile.copy)) {
    const from = join(dir, source);
    if (!existsSync(from) || !statSync(from).isFile()) {
      bag.error(file, yaml.pos(['copy', target]), 'FILE_MISSING', `profiles/${name}/${source} is missing`);
      ok = false;
      continue;
    }
    copies.set(target, readFileSync(from, 'utf8'));
  }
  if (!ok) return undefined;
  const hash = sha256([name, text, ...[...copies].map(([p, c]) => `${p}\n${c}`)].join('\n'));
  return { name, file, yaml, profile, hash, copies };
}

/**
 * Resolves every path and mapping of a profile against the first page and the site, so
 * that a reference to a field that does not exist is reported before anything is built.
 */
export function checkProfile(lp: LoadedProfile, index: SiteIndex, bag: DiagnosticBag): boolean {
  const { profile } = lp;
  const fail = (e: unknown, at: MappingPath, what: string): false => {
    if (!(e instanceof MappingError)) throw e;
    bag.error(lp.file, lp.yaml.pos([...at, ...e.path]), 'PROFILE_REFERENCE', `${what}: ${e.message}`);
    return false;
  };
  let ok = true;
  const site = siteRecord(index);
  for (const [i, f] of profile.siteFiles.entries()) {
    const contexts = f.each ? site.locales.map((l) => ({ ...site, ...l })) : [site];
    for (const context of contexts.slice(0, 1)) {
      try {
        interpolate(f.path, context);
      } catch (e) {
        ok = fail(e, ['siteFiles', i, 'path'], 'path');
      }
      try {
        resolveMapping(f.data, context);
      } catch (e) {
        ok = fail(e, ['siteFiles', i, 'data'], 'data');
      }
    }
  }
  const page = index.pages[0];
  if (!page) return ok;
  const paths: [MappingPath, string | undefined][] = [
    [['path'], profile.path],
    [['sourceLocalePath'], profile.sourceLocalePath],
  ];
  for (const [at, pattern] of paths) {
    if (pattern === undefined) continue;
    try {
      interpolate(pattern, pathContext(profile, page));
    } catch (e) {
      ok = fail(e, at, 'path');
    }
  }
  try {
    interpolate(profile.body.link, linkContext(page, page.pair.slug));
  } catch (e) {
    ok = fail(e, ['body', 'link'], 'link');
  }
  if (!ok) return false;
  try {
    resolveMapping(profile.fields as Mapping, articleRecord(page, buildArticle(index, page), ''), ['fields']);
  } catch (e) {
    return fail(e, [], 'fields');
  }
  return true;
}

/** What `path` may name: a page's locale, lang, protocol.id and slug (ndjson files: locale and lang only). */
function pathContext(profile: Profile, page: Page): Record<string, unknown> {
  const locale = { locale: page.locale.id, lang: page.locale.info.tag };
  return profile.output === 'ndjson' ? locale : { ...locale, protocol: { id: page.protocol.id }, slug: page.pair.slug };
}

/** What `body.link` may name: the other page's slug, and the locale and protocol both pages share. */
function linkContext(page: Page, slug: string): Record<string, unknown> {
  return { slug, locale: page.locale.id, lang: page.locale.info.tag, protocol: { id: page.protocol.id } };
}

/** One article as the profiles' mappings see it (schema.ts `articleRecordSchema`). */
export function articleRecord(page: Page, view: ArticleView, body: string): ArticleRecord {
  return {
    locale: view.locale,
    lang: view.lang,
    dir: view.dir,
    title: view.title,
    description: view.description,
    protocol: view.protocol,
    codes: view.codes.map((c) => ({ code: c.code, reason: c.reason, name: c.name })),
    slug: view.slug,
    translationKey: view.translationKey,
    path: pagePath(page.locale.id, page.protocol.id, page.pair.slug),
    canonical: view.canonical,
    alternates: view.alternates.map((a) => ({ locale: a.locale, lang: a.lang, name: a.name, path: pagePath(a.locale, page.protocol.id, page.pair.slug), url: a.url })),
    xDefault: view.xDefault,
    aliases: view.aliases,
    body,
  };
}

/** The site and the locales that publish at least one page, in site order. */
export function siteRecord(index: SiteIndex): SiteRecord {
  const { data } = index;
  const publishing = data.locales.filter((l) => index.pages.some((p) => p.locale === l));
  return {
    site: { name: data.site.name, baseUrl: data.site.baseUrl, sourceLocale: data.source.id, sourceLang: data.source.info.tag },
    locales: publishing.map((l, i) => ({ id: l.id, lang: l.info.tag, name: l.info.name, dir: l.info.dir, weight: i + 1, isSource: l.id === data.source.id })),
    protocols: data.protocols.map((p) => ({ id: p.id, name: data.source.messages.format(`protocols.${p.id}.name`) })),
  };
}

export interface ProfilePlan {
  files: Iterable<PlannedFile & { page?: Page }>;
  /** Files planned in all. */
  total: number;
  /** Whether a path belongs to this (filtered) build; files of other locales and protocols are neither written nor pruned. */
  inScope(path: string): boolean;
}

/**
 * The files of a profile export: one per page (markdown) or per locale (ndjson), then
 * the site files, the JSON Schema and the copied files. Inputs are hashed as in
 * plan.ts, so an unchanged page is kept without being rendered.
 */
export function planProfile(index: SiteIndex, templates: CompiledTemplates, lp: LoadedProfile, filter: Omit<BuildFilter, 'formats'>): ProfilePlan {
  const { profile } = lp;
  const selected = (p: Page) => (!filter.locales || filter.locales.includes(p.locale.id)) && (!filter.protocols || filter.protocols.includes(p.protocol.id));
  const pathOf = (p: Page) => {
    const pattern = p.locale === index.data.source && profile.sourceLocalePath ? profile.sourceLocalePath : profile.path;
    return interpolate(pattern, pathContext(profile, p));
  };
  // Every page's path and whether this build selects it (for ndjson, per locale: a locale's file holds all its protocols).
  const scope = new Map<string, boolean>();
  for (const p of index.pages) {
    const path = pathOf(p);
    const inThis = profile.output === 'ndjson' ? !filter.locales || filter.locales.includes(p.locale.id) : selected(p);
    scope.set(path, (scope.get(path) ?? false) || inThis);
  }
  const signatures = new PageSignatures(index);
  const base = `${PROFILE_OUTPUT_VERSION}\n${lp.hash}\n${templates.hash('article')}`;
  const renderOptions = {
    escape: profile.body.escape,
  };
  const fieldsOf = (page: Page) => {
    const view = buildArticle(index, page);
    const body = templates.render('article', view, page.locale.messages, { ...renderOptions, link: (slug) => interpolate(profile.body.link, linkContext(page, slug)) });
    return { body, fields: resolveMapping(profile.fields as Mapping, articleRecord(page, view, body)) as Record<string, unknown> };
  };
  const site = siteFiles(index, lp);
  const pagesInScope = index.pages.filter((p) => scope.get(pathOf(p)));
  const byFile = new Map<string, Page[]>();
  for (const p of pagesInScope) {
    const path = pathOf(p);
    byFile.set(path, [...(byFile.get(path) ?? []), p]);
  }

  function* files(): Generator<PlannedFile & { page?: Page }> {
    for (const [path, pages] of byFile) {
      if (profile.output === 'markdown') {
        const page = pages[0]!;
        yield {
          page,
          path,
          input: sha256(`${base}\n${signatures.of(page)}`),
          render: () => {
            const { body, fields } = fieldsOf(page);
            return withFrontMatter(profile.frontMatter, fields, body);
          },
        };
      } else {
        yield {
          page: pages[0],
          path,
          input: sha256(`${base}\n${pages.map((p) => signatures.of(p)).join('\n')}`),
          render: () => pages.map((p) => `${JSON.stringify(fieldsOf(p).fields)}\n`).join(''),
        };
      }
    }
    for (const [path, content] of site) yield { path, input: sha256(content), render: () => content };
  }
  return {
    files: { [Symbol.iterator]: files },
    total: byFile.size + site.size,
    inScope: (path) => scope.get(path) ?? true,
  };
}

/** Files built once per export: site files (one, or one per locale), the JSON Schema, copied files. */
function siteFiles(index: SiteIndex, lp: LoadedProfile): Map<string, string> {
  const { profile } = lp;
  const out = new Map<string, string>();
  const site = siteRecord(index);
  for (const f of profile.siteFiles) {
    const contexts = f.each ? site.locales.map((l) => ({ ...site, ...l })) : [site];
    for (const context of contexts) out.set(interpolate(f.path, context), serializeData(f.format, resolveMapping(f.data, context)));
  }
  if (profile.jsonSchema) {
    const schema = z.toJSONSchema(EXPORT_SCHEMAS[profile.jsonSchema.of], { target: 'draft-2020-12' });
    out.set(profile.jsonSchema.path, serializeData('json', schema));
  }
  for (const [path, content] of lp.copies) out.set(path, content);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
