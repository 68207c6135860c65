/**
 * Hand-written overrides: data/overrides/<protocol>/<low>-vs-<high>.<locale>.md, Markdown
 * with YAML front matter (read with gray-matter; only YAML is accepted, never JavaScript).
 * The front matter can replace the title, description, intro or a section's text, add
 * sections, and mark the comparison featured or hidden; the body becomes an "In practice"
 * section. An override belongs to one locale and never shows in another.
 */
import matter from 'gray-matter';
import { START, DiagnosticBag, type Position } from './diagnostics.ts';
import { sha256 } from './hash.ts';
import type { LoadedOverride } from './load.ts';
import { inspectMarkdown } from './markdown.ts';
import { isRelatedPair } from './pairs.ts';
import { overrideSchema, type LocaleInfo, type OverrideFront, type Site } from './schema.ts';
import { checkShape } from './shape.ts';
import { checkTypography, CONTROL, type StringTable } from './strings.ts';
import type { ProtocolData } from './validate.ts';
import { parseYamlFile, type YamlFile } from './yaml-file.ts';

export interface Override {
  file: string;
  protocol: string;
  /** The pair's codes, lower first. */
  a: number;
  b: number;
  locale: string;
  front: OverrideFront;
  /** The Markdown body, trimmed; "" when there is none. */
  body: string;
  /** Hash of the file: part of the signature of the pages it changes. */
  hash: string;
}

export class Overrides {
  private readonly byKey: Map<string, Override>;

  constructor(readonly all: Override[]) {
    this.byKey = new Map(all.map((o) => [overrideKey(o.locale, o.protocol, o.a, o.b), o]));
  }

  /** The override of a pair in one locale (codes in either order). */
  get(locale: string, protocol: string, x: number, y: number): Override | undefined {
    return this.byKey.get(overrideKey(locale, protocol, Math.min(x, y), Math.max(x, y)));
  }
}

export function overrideKey(locale: string, protocol: string, a: number, b: number): string {
  return `${locale}/${protocol}/${a}-vs-${b}`;
}

const FILE_NAME = /^(\d+)-vs-(\d+)\.([^.]+)\.md$/;

/** Front matter languages other than YAML would be code or another format: refused. */
const REFUSE = () => {
  throw new Error('front matter must be YAML');
};

export function validateOverrides(
  loaded: LoadedOverride[],
  site: Site,
  protocols: ProtocolData[],
  locales: { id: string; info: LocaleInfo }[],
  bag: DiagnosticBag,
): Overrides {
  const out: Override[] = [];
  for (const f of loaded) {
    const o = validateOne(f, site, protocols, locales, bag);
    if (o) out.push(o);
  }
  out.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  return new Overrides(out);
}

function validateOne(f: LoadedOverride, site: Site, protocols: ProtocolData[], locales: { id: string; info: LocaleInfo }[], bag: DiagnosticBag): Override | undefined {
  const name = FILE_NAME.exec(f.name);
  if (!name) {
    bag.error(f.file, START, 'OVERRIDE_FILE_NAME', `"${f.name}" is not named <low>-vs-<high>.<locale>.md, e.g. 401-vs-407.fr.md`);
    return undefined;
  }
  const [x, y, locale] = [Number(name[1]), Number(name[2]), name[3]!];
  if (x >= y) {
    bag.error(f.file, START, 'OVERRIDE_FILE_NAME', x === y ? `a code is not compared with itself` : `the lower code comes first: name it ${y}-vs-${x}.${locale}.md`);
    return undefined;
  }
  let ok = true;
  const protocol = protocols.find((p) => p.id === f.protocol);
  const [ca, cb] = [protocol?.byCode.get(x), protocol?.byCode.get(y)];
  if (!protocol) {
    bag.error(f.file, START, 'OVERRIDE_UNKNOWN_PAIR', `protocol "${f.protocol}" does not exist (data/protocols/ has ${protocols.map((p) => p.id).join(', ')})`);
    ok = false;
  } else if (!ca || !cb) {
    bag.error(f.file, START, 'OVERRIDE_UNKNOWN_PAIR', `${protocol.protocol.name} has no code ${!ca ? x : y}, so the comparison ${x} vs ${y} does not exist`);
    ok = false;
  } else if (ca.draft || cb.draft) {
    bag.error(f.file, START, 'OVERRIDE_UNKNOWN_PAIR', `code ${ca.draft ? x : y} is a draft, so the comparison ${x} vs ${y} is not published`);
    ok = false;
  } else if ((protocol.protocol.pairPolicy ?? site.pairPolicy) === 'related' && !isRelatedPair(ca, cb)) {
    bag.error(f.file, START, 'OVERRIDE_UNKNOWN_PAIR', `the comparison ${x} vs ${y} is not published (pairPolicy "related": neither code lists the other and their classes differ)`);
    ok = false;
  }
  const info = locales.find((l) => l.id === locale)?.info;
  if (!site.locales.includes(locale)) {
    bag.error(f.file, START, 'OVERRIDE_UNKNOWN_LOCALE', `locale "${locale}" is not one of the site's locales (${site.locales.join(', ')})`);
    ok = false;
  }

  // gray-matter finds the front matter; our YAML parser reads it, with positions and the same safety as every data file.
  let yamlText: string | undefined;
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(f.text, {
      language: 'yaml',
      engines: {
        yaml: (text: string) => ((yamlText = text), {}),
        javascript: REFUSE,
        json: REFUSE,
        coffee: REFUSE,
        toml: REFUSE,
      } as unknown as matter.GrayMatterOption<string, never>['engines'],
    });
  } catch (e) {
    const language = /^---[ \t]*([^\s-][^\s]*)/.exec(f.text)?.[1];
    const why = language ? `"---${language}" front matter is not accepted` : (e as Error).message;
    bag.error(f.file, START, 'OVERRIDE_FRONT_MATTER', `${why}; front matter must be YAML between two "---" lines`);
    return undefined;
  }
  const yf = yamlText === undefined ? undefined : parseYamlFile(f.file, yamlText, bag);
  const front = yf ? checkFront(yf, ok ? [x, y] : undefined, bag) : overrideSchema.parse({});
  if (!front || !ok) return undefined;

  const body = parsed.content.trim();
  const bodyLine = f.text.slice(0, f.text.length - parsed.content.length).split('\n').length + leadingBlankLines(parsed.content);
  const table: StringTable = new Map();
  const add = (key: string, text: string, pos: Position) => {
    table.set(key, { source: text, file: f.file, pos });
    const control = CONTROL.exec(text);
    if (control) bag.error(f.file, pos, 'STRING_CONTROL_CHAR', `"${key}" contains U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, an invisible or control character; remove it`);
  };
  const posOf = (path: (string | number)[]) => yf?.pos(path) ?? START;
  for (const key of ['title', 'description', 'intro', 'bodyHeading'] as const) if (front[key]) add(key, front[key], posOf([key]));
  for (const [section, value] of Object.entries(front.sections)) {
    if (typeof value === 'string') add(`sections.${section}`, value, posOf(['sections', section]));
    else for (const [code, text] of Object.entries(value ?? {})) add(`sections.${section}.${code}`, text, posOf(['sections', section, code]));
  }
  const markdown = (key: string, text: string, lineOf: (line: number) => Position) => {
    const { problems, texts } = inspectMarkdown(text);
    for (const p of problems) bag.error(f.file, lineOf(p.line), 'OVERRIDE_MARKDOWN', `${key}: ${p.message}`);
    texts.forEach((t, i) => add(`${key}.${i + 1}`, t.text, lineOf(t.line)));
  };
  front.extraSections.forEach((s, i) => {
    add(`extraSections.${i}.heading`, s.heading, posOf(['extraSections', i, 'heading']));
    const at = posOf(['extraSections', i, 'text']);
    markdown(`extraSections.${i}.text`, s.text, () => at);
  });
  if (body) markdown('body', body, (line) => ({ line: bodyLine + line, col: 1 }));
  if (info) checkTypography(table, info.typography, bag);
  return { file: f.file, protocol: f.protocol, a: x, b: y, locale, front, body, hash: sha256(f.text) };
}

/** Checks the front matter; a section that does not exist, or a code outside the pair, is OVERRIDE_UNKNOWN_SECTION. */
function checkFront(yf: YamlFile, codes: [number, number] | undefined, bag: DiagnosticBag): OverrideFront | undefined {
  const local = new DiagnosticBag();
  const front = checkShape(yf, overrideSchema, local);
  for (const d of local.items) {
    if (d.code === 'SCHEMA_UNKNOWN_FIELD' && d.message.startsWith('unknown field "sections.')) {
      bag.error(d.file, d, 'OVERRIDE_UNKNOWN_SECTION', `${d.message.replace('unknown field', 'unknown section')}; sections are decisiveDifference, whatItMeans, whenYouSeeIt, howToFix, whenToUse`);
    } else bag.items.push(d);
  }
  if (!front || !codes) return front;
  let ok = true;
  for (const [section, value] of Object.entries(front.sections)) {
    if (typeof value === 'string' || !value) continue;
    for (const code of Object.keys(value)) {
      if (codes.includes(Number(code))) continue;
      ok = false;
      bag.error(yf.file, yf.keyPos(['sections', section, code]), 'OVERRIDE_UNKNOWN_SECTION', `"sections.${section}.${code}": ${code} is not one of this comparison's codes (${codes.join(', ')})`);
    }
  }
  return ok ? front : undefined;
}

function leadingBlankLines(text: string): number {
  return /^(?:[ \t]*\r?\n)*/.exec(text)![0].split('\n').length - 1;
}
