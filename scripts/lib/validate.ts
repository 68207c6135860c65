/**
 * Stage 2 — validate: check every loaded file against its schema and every
 * cross-reference between files, and build the typed data set the later stages use.
 * All problems are collected in the bag; the caller stops before writing if any is an error.
 */
import { START, type DiagnosticBag } from './diagnostics.ts';
import type { LoadedData, LoadedLocale, LoadedProtocol } from './load.ts';
import {
  codeSchema,
  codeTextsSchema,
  localeSchema,
  messageTree,
  protocolSchema,
  glossarySchema,
  localeId,
  protocolTextsSchema,
  registrySchema,
  siteSchema,
  translationStateSchema,
  type Code,
  type CodeClass,
  type Dimension,
  type Fact,
  type Glossary,
  type LocaleInfo,
  type Protocol,
  type Registry,
  type Site,
} from './schema.ts';
import { checkShape } from './shape.ts';
import { checkGlossary } from './glossary.ts';
import { checkEquivalents, equivalentKey } from './equivalents.ts';
import { validateOverrides, type Overrides } from './overrides.ts';
import { addStrings, checkPlurals, checkTypography, Messages, placeholders, type StringEntry, type StringTable } from './strings.ts';
import type { YamlFile } from './yaml-file.ts';

export interface CodeEntry extends Code {
  file: string;
  classId: string;
  /** Facts with class defaults applied, keyed by dimension id. */
  effectiveFacts: Record<string, Fact>;
}

export interface ProtocolData {
  id: string;
  file: string;
  protocol: Protocol;
  /** Sorted by code. */
  codes: CodeEntry[];
  byCode: Map<number, CodeEntry>;
  /** Codes whose file exists but failed to parse or validate: not reported again as unknown elsewhere. */
  broken: Set<number>;
  /** The registry copy's source and date, named in the HTML footer. */
  registry?: { source: string; updated: string };
}

export interface LocaleData {
  id: string;
  info: LocaleInfo;
  strings: StringTable;
  messages: Messages;
  /** Key → hash of the English text each translation was made from (empty for the source locale). */
  translatedFrom: Map<string, string>;
  /**
   * Keys whose value is left empty in the files (stubs written by `npm run new:code`): they
   * count as missing. In the source locale they are part of what every locale needs.
   */
  untranslated: Set<string>;
  glossary?: Glossary;
}

export interface DataSet {
  site: Site;
  protocols: ProtocolData[];
  /** In the order of site.yaml's `locales`. */
  locales: LocaleData[];
  source: LocaleData;
  /** Hand-written overrides of single comparisons (data/overrides/). */
  overrides: Overrides;
}

export function validateData(loaded: LoadedData, bag: DiagnosticBag): DataSet | undefined {
  const site = loaded.site && checkShape(loaded.site, siteSchema, bag);
  const protocols = loaded.protocols.map((p) => validateProtocol(p, bag)).filter((p) => p !== undefined);
  checkEquivalents(protocols, new Map(loaded.protocols.flatMap((p) => [...p.codes.values()].map((f) => [f.file, f] as const))), bag);
  if (!site) return undefined;

  const localeById = new Map(loaded.locales.map((l) => [l.id, l]));
  site.locales.forEach((id, i) => {
    if (!localeById.has(id)) {
      bag.error(loaded.site!.file, loaded.site!.pos(['locales', i]), 'LOCALE_UNKNOWN', `locale "${id}" has no folder data/locales/${id}/`);
    }
  });
  if (!site.locales.includes(site.sourceLocale)) {
    bag.error(loaded.site!.file, loaded.site!.pos(['sourceLocale']), 'LOCALE_UNKNOWN', `source locale "${site.sourceLocale}" is not listed in "locales"`);
  }
  for (const l of loaded.locales) {
    if (!localeId.safeParse(l.id).success) {
      bag.error(`data/locales/${l.id}`, START, 'LOCALE_INVALID', `"${l.id}" is not a lowercase BCP 47 tag (such as "fr" or "zh-hans"); rename the folder`);
    } else if (!site.locales.includes(l.id) && l.locale) {
      bag.warning(l.locale.file, START, 'LOCALE_NOT_LISTED', `locale folder "${l.id}" is not listed in data/site.yaml and is not built`);
    }
  }

  const sourceLoaded = localeById.get(site.sourceLocale);
  if (!sourceLoaded) return undefined;
  const source = validateSourceLocale(sourceLoaded, protocols, bag);
  if (!source) return undefined;
  const locales: LocaleData[] = [];
  for (const id of site.locales) {
    const l = localeById.get(id);
    if (!l) continue;
    const data = id === site.sourceLocale ? source : validateTranslation(l, source, protocols, bag);
    if (data) locales.push(data);
  }
  const overrides = validateOverrides(loaded.overrides, site, protocols, locales, bag);
  return { site, protocols: protocols.sort((a, b) => cmp(a.id, b.id)), locales, source, overrides };
}

// ------------------------------------------------------------------ protocols

function validateProtocol(p: LoadedProtocol, bag: DiagnosticBag): ProtocolData | undefined {
  const protocol = checkShape(p.protocol, protocolSchema, bag);
  if (!protocol) {
    for (const yf of p.codes.values()) checkShape(yf, codeSchema, bag); // still report code file errors
    return undefined;
  }
  const pf = p.protocol;
  if (protocol.id !== p.id) {
    bag.error(pf.file, pf.pos(['id']), 'PROTOCOL_INVALID', `id "${protocol.id}" does not match the folder name "${p.id}"`);
  }
  const dims = new Map(protocol.dimensions.map((d) => [d.id, d]));
  protocol.dimensions.forEach((d, i) => {
    const at = pf.pos(['dimensions', i]);
    if (d.kind !== 'tokens' && d.values?.some((v) => !/^[a-z0-9][a-z0-9-]*$/.test(v))) {
      bag.error(pf.file, at, 'PROTOCOL_INVALID', `the values of dimension "${d.id}" must be lowercase identifiers`);
    }
    if (d.kind !== 'tokens' && !d.values) bag.error(pf.file, at, 'PROTOCOL_INVALID', `dimension "${d.id}" (${d.kind}) needs "values"`);
    if ((d.decisive || d.action) && d.kind !== 'enum') bag.error(pf.file, at, 'PROTOCOL_INVALID', `dimension "${d.id}" can be decisive or carry actions only if it is an enum`);
  });
  if (protocol.dimensions.filter((d) => d.action).length > 1) {
    bag.error(pf.file, pf.pos(['dimensions']), 'PROTOCOL_INVALID', 'at most one dimension can carry the client actions (action: true)');
  }
  const [lo, hi] = protocol.codeRange;
  protocol.classes.forEach((c, i) => {
    if (c.range[0] > c.range[1] || c.range[0] < lo || c.range[1] > hi) {
      bag.error(pf.file, pf.pos(['classes', i, 'range']), 'PROTOCOL_INVALID', `class "${c.id}" range must lie within codeRange [${lo}, ${hi}]`);
    }
    const other = protocol.classes.find((o, j) => j < i && o.range[0] <= c.range[1] && c.range[0] <= o.range[1]);
    if (other) bag.error(pf.file, pf.pos(['classes', i, 'range']), 'PROTOCOL_INVALID', `class "${c.id}" overlaps class "${other.id}"`);
    checkFacts(pf, ['classes', i, 'facts'], c.facts, dims, bag);
  });

  const codes: CodeEntry[] = [];
  const seen = new Map<number, string>();
  const broken = new Set<number>();
  for (const [name, yf] of p.codes) {
    const code = checkShape(yf, codeSchema, bag);
    if (!code) {
      if (/^\d+$/.test(name)) broken.add(Number(name));
      continue;
    }
    if (name !== String(code.code)) {
      bag.error(yf.file, yf.pos(['code']), 'CODE_FILE_NAME', `code ${code.code} is in a file named "${name}.yaml"; name it "${code.code}.yaml"`);
    }
    const first = seen.get(code.code);
    if (first) {
      bag.error(yf.file, yf.pos(['code']), 'CODE_DUPLICATE', `code ${code.code} is already defined in ${first}`);
      continue;
    }
    seen.set(code.code, yf.file);
    const cls = protocol.classes.find((c) => code.code >= c.range[0] && code.code <= c.range[1]);
    if (!cls || code.code < lo || code.code > hi) {
      bag.error(yf.file, yf.pos(['code']), 'CODE_OUT_OF_RANGE', `code ${code.code} is outside every class of ${protocol.name} (${lo}–${hi})`);
      continue;
    }
    checkFacts(yf, ['facts'], code.facts, dims, bag);
    const effectiveFacts = { ...cls.facts, ...code.facts };
    for (const d of protocol.dimensions) {
      if (d.required && !effectiveFacts[d.id]) {
        // A draft is being written: what it lacks is reported, but does not stop the build.
        (code.draft ? bag.warning : bag.error).call(bag, yf.file, yf.pos(['facts']), 'FACT_MISSING', `code ${code.code} needs a "${d.id}" fact (class ${cls.id} does not provide one)`);
      }
    }
    if (code.draft) {
      bag.warning(yf.file, yf.pos(['draft']), 'CODE_DRAFT', `code ${code.code} is a draft: no page shows it until "draft: true" is removed`);
    }
    codes.push({ ...code, file: yf.file, classId: cls.id, effectiveFacts });
  }
  const byCode = new Map(codes.map((c) => [c.code, c]));
  for (const c of codes) {
    const yf = p.codes.get(String(c.code)) ?? [...p.codes.values()].find((f) => f.file === c.file)!;
    for (const field of ['related', 'replacedBy'] as const) {
      c[field].forEach((r, i) => {
        if ((!byCode.has(r) && !broken.has(r)) || r === c.code) {
          bag.error(yf.file, yf.pos([field, i]), 'RELATED_UNKNOWN', r === c.code ? `code ${c.code} lists itself in "${field}"` : `"${field}" names code ${r}, which does not exist in ${protocol.name}`);
        }
      });
    }
  }
  protocol.featured.forEach((pair, i) =>
    pair.forEach((code, j) => {
      if (!byCode.has(code) && !broken.has(code)) bag.error(pf.file, pf.pos(['featured', i, j]), 'RELATED_UNKNOWN', `"featured" names code ${code}, which does not exist in ${protocol.name}`);
      else if (pair[0] === pair[1]) bag.error(pf.file, pf.pos(['featured', i, j]), 'RELATED_UNKNOWN', `"featured" pairs code ${code} with itself`);
    }),
  );
  codes.sort((a, b) => a.code - b.code);
  const registry = p.registry && checkRegistry(p.registry, protocol, codes, broken, new Map([...p.codes.values()].map((f) => [f.file, f])), bag);
  return { id: p.id, file: pf.file, protocol, codes, byCode, broken, registry: registry ? { source: registry.source, updated: registry.updated } : undefined };
}

/** Codes must be registered, with the registered reason phrase and deprecation; unregistered ones never appear. */
function checkRegistry(yf: YamlFile, protocol: Protocol, codes: CodeEntry[], broken: Set<number>, files: Map<string, YamlFile>, bag: DiagnosticBag): Registry | undefined {
  const registry = checkShape(yf, registrySchema, bag);
  if (!registry) return undefined;
  // A number the registry assigns twice has two rows; the code takes one of their reasons.
  const registered = new Map<number, Registry['codes']>();
  for (const r of registry.codes) registered.set(r.code, [...(registered.get(r.code) ?? []), r]);
  for (const c of codes) {
    const rows = registered.get(c.code) ?? [];
    const r = rows.find((x) => x.reason === c.reason) ?? rows[0];
    const at = (field: string) => files.get(c.file)?.pos([field]) ?? START;
    if (!r) {
      bag.error(c.file, at('code'), 'CODE_UNREGISTERED', `${protocol.name} ${c.code} is not in the registry copy ${yf.file}; unregistered codes are not published`);
    } else if (r.reason !== c.reason) {
      bag.error(c.file, at('reason'), 'REGISTRY_MISMATCH', `reason "${c.reason}" differs from the registered ${rows.map((x) => `"${x.reason}"`).join(' or ')}`);
    } else if (r.deprecated !== c.deprecated) {
      bag.error(c.file, at('deprecated'), 'REGISTRY_MISMATCH', r.deprecated ? `the registry marks ${c.code} as deprecated; set "deprecated: true"` : `the registry does not mark ${c.code} as deprecated`);
    }
  }
  const have = new Set(codes.map((c) => c.code));
  const missing = registry.codes.filter((r) => !have.has(r.code) && !broken.has(r.code)).map((r) => r.code);
  if (missing.length) {
    bag.warning(yf.file, START, 'REGISTRY_INCOMPLETE', `${missing.length} registered code(s) have no data file yet: ${missing.join(', ')}`);
  }
  return registry;
}

function checkFacts(yf: YamlFile, at: (string | number)[], facts: Record<string, Fact>, dims: Map<string, Dimension>, bag: DiagnosticBag): void {
  for (const [id, f] of Object.entries(facts)) {
    const d = dims.get(id);
    if (!d) {
      bag.error(yf.file, yf.keyPos([...at, id]), 'FACT_UNKNOWN_DIMENSION', `unknown fact "${id}"; the protocol declares ${[...dims.keys()].join(', ')}`);
      continue;
    }
    const values = Array.isArray(f.value) ? f.value : [f.value];
    const pos = yf.pos([...at, id, 'value']);
    if (d.kind === 'enum' && Array.isArray(f.value)) {
      bag.error(yf.file, pos, 'FACT_INVALID_VALUE', `fact "${id}" takes one value, not a list`);
    } else if (d.kind !== 'enum' && !Array.isArray(f.value)) {
      bag.error(yf.file, pos, 'FACT_INVALID_VALUE', `fact "${id}" takes a list`);
    } else if (d.values) {
      for (const v of values) {
        if (d.values.includes(v)) continue;
        const near = d.values.find((x) => x.toLowerCase() === v.toLowerCase());
        const hint = near ? `; it is spelled "${near}"` : d.kind === 'tokens' ? `; add it to the "${id}" values in protocol.yaml if it is real` : ` (${d.values.join(', ')})`;
        bag.error(yf.file, pos, 'FACT_INVALID_VALUE', `"${v}" is not a value of "${id}"${hint}`);
      }
    }
  }
}

// -------------------------------------------------------------------- locales

function validateLocaleInfo(l: LoadedLocale, bag: DiagnosticBag): LocaleInfo | undefined {
  return l.locale && checkShape(l.locale, localeSchema, bag);
}

/** The source locale is checked against the schemas and against the protocols it describes. */
function validateSourceLocale(l: LoadedLocale, protocols: ProtocolData[], bag: DiagnosticBag): LocaleData | undefined {
  const info = validateLocaleInfo(l, bag);
  const strings: StringTable = new Map();
  const untranslated = new Set<string>();
  if (!l.ui) bag.error(`data/locales/${l.id}/ui.yaml`, START, 'FILE_MISSING', 'the source locale needs ui.yaml');
  else if (checkShape(l.ui, messageTree, bag)) addStrings(strings, l.ui, '', bag);

  for (const [pid, files] of l.protocols) {
    const pd = protocols.find((p) => p.id === pid);
    const dir = `data/locales/${l.id}/protocols/${pid}`;
    if (!pd) {
      const any = files.protocol ?? [...files.codes.values()][0];
      if (any) bag.error(any.file, START, 'STRING_UNKNOWN_KEY', `strings for protocol "${pid}", which does not exist`);
      continue;
    }
    if (!files.protocol) {
      bag.error(`${dir}/protocol.yaml`, START, 'FILE_MISSING', `the source locale needs the texts of protocol "${pid}"`);
    } else if (checkShape(files.protocol, protocolTextsSchema, bag)) {
      checkProtocolTexts(files.protocol, pd.protocol, bag);
      addStrings(strings, files.protocol, `protocols.${pid}`, bag);
    }
    for (const [name, yf] of files.codes) {
      if (pd.broken.has(Number(name))) continue;
      if (!pd.byCode.has(Number(name)) || String(Number(name)) !== name) {
        bag.error(yf.file, START, 'STRING_UNKNOWN_CODE', `strings for code "${name}", which ${pd.protocol.name} does not define`);
      } else if (checkShape(yf, codeTextsSchema, bag)) {
        addStrings(strings, yf, `protocols.${pid}.codes.${name}`, bag, untranslated);
      }
    }
    const declared = new Set<string>();
    for (const c of pd.codes) {
      const yf = files.codes.get(String(c.code));
      if (!yf) {
        bag.error(`${dir}/codes/${c.code}.yaml`, START, 'STRING_MISSING', `the source locale has no texts for code ${c.code}`);
        continue;
      }
      for (const e of c.equivalents) {
        const key = equivalentKey(pid, c.code, e.protocol, e.code);
        declared.add(key);
        // An equivalent naming no code is reported as such (EQUIVALENT_UNKNOWN), not as a missing note.
        const exists = e.protocol !== pid && protocols.some((q) => q.id === e.protocol && q.byCode.has(e.code));
        if (exists && !strings.has(key) && !untranslated.has(key)) bag.error(yf.file, yf.pos(['equivalents']), 'STRING_MISSING', `"${key}": the equivalent ${e.protocol}-${e.code} needs a one-line note on how the two codes differ`);
      }
    }
    const note = new RegExp(`^protocols\\.${pid}\\.codes\\.(\\d+)\\.equivalents\\.`);
    for (const [key, entry] of strings) {
      const code = note.exec(key)?.[1];
      if (code && !declared.has(key)) bag.error(entry.file, entry.pos, 'STRING_UNKNOWN_KEY', `"${key}": data/protocols/${pid}/codes/${code}.yaml declares no such equivalent`);
    }
  }
  for (const pd of protocols) {
    if (!l.protocols.has(pd.id)) {
      bag.error(`data/locales/${l.id}/protocols/${pd.id}/protocol.yaml`, START, 'FILE_MISSING', `the source locale has no texts for protocol "${pd.id}"`);
    }
  }
  checkProtocolUi(strings, bag);
  if (!info) return undefined;
  checkTypography(strings, info.typography, bag);
  checkPlurals(strings, info.intl ?? info.tag, bag);
  return { id: l.id, info, strings, messages: new Messages(info.intl ?? info.tag, strings, info.typography.latinSpacing, info.dir === 'rtl'), translatedFrom: new Map(), untranslated };
}

/** A protocol's `ui` message replaces a UI message: that message must exist, and the protocol's wording takes no placeholder it lacks. */
function checkProtocolUi(strings: StringTable, bag: DiagnosticBag): void {
  for (const [key, entry] of strings) {
    const base = /^protocols\.[^.]+\.ui\.(.+)$/.exec(key)?.[1];
    if (!base) continue;
    const ui = strings.get(base);
    if (!ui || base.startsWith('protocols.')) {
      bag.error(entry.file, entry.pos, 'STRING_UNKNOWN_KEY', `"${key}" replaces the UI message "${base}", which ui.yaml does not have`);
    } else {
      checkUiPlaceholders(key, entry, base, ui, bag);
    }
  }
}

/** A protocol's wording of a UI message may use only the placeholders the UI message is given. */
function checkUiPlaceholders(key: string, entry: StringEntry, base: string, ui: StringEntry, bag: DiagnosticBag): void {
  if (!entry.ast || !ui.ast) return;
  const allowed = placeholders(ui.ast);
  const extra = [...placeholders(entry.ast)].filter((x) => !allowed.has(x));
  if (extra.length) bag.error(entry.file, entry.pos, 'ICU_PLACEHOLDERS', `"${key}": {${extra.join('}, {')}} is not a placeholder of the UI message "${base}" (${[...allowed].map((x) => `{${x}}`).join(', ') || 'none'})`);
}

/** The source locale's protocol texts must name every class, dimension and value the protocol declares. */
function checkProtocolTexts(yf: YamlFile, protocol: Protocol, bag: DiagnosticBag): void {
  const texts = yf.value as { classes: Record<string, unknown>; dimensions: Record<string, { values?: Record<string, { consequence?: string; action?: string }> }> };
  const missing = (path: (string | number)[], what: string) => bag.error(yf.file, yf.pos(path), 'STRING_MISSING', what);
  const unknown = (path: (string | number)[], what: string) => bag.error(yf.file, yf.keyPos(path), 'STRING_UNKNOWN_KEY', what);
  const classIds = new Set(protocol.classes.map((c: CodeClass) => c.id));
  for (const id of classIds) if (!texts.classes[id]) missing(['classes'], `class "${id}" has no texts`);
  for (const id of Object.keys(texts.classes)) if (!classIds.has(id)) unknown(['classes', id], `class "${id}" is not declared by ${protocol.name}`);
  const dimIds = new Set(protocol.dimensions.map((d) => d.id));
  for (const id of Object.keys(texts.dimensions)) if (!dimIds.has(id)) unknown(['dimensions', id], `dimension "${id}" is not declared by ${protocol.name}`);
  for (const d of protocol.dimensions) {
    const dt = texts.dimensions[d.id];
    if (!dt) {
      missing(['dimensions'], `dimension "${d.id}" has no texts`);
      continue;
    }
    const values = dt.values ?? {};
    for (const v of Object.keys(values)) {
      if (d.kind === 'tokens' || !d.values?.includes(v)) unknown(['dimensions', d.id, 'values', v], `"${v}" is not a value of dimension "${d.id}"`);
    }
    for (const v of d.kind === 'tokens' ? [] : (d.values ?? [])) {
      const vt = values[v];
      const at = ['dimensions', d.id, 'values'];
      if (!vt) missing(at, `value "${v}" of dimension "${d.id}" has no label`);
      else if (d.decisive && !vt.consequence) missing([...at, v], `value "${v}" of decisive dimension "${d.id}" needs a "consequence" sentence`);
      else if (d.action && !vt.action) missing([...at, v], `value "${v}" of dimension "${d.id}" needs an "action" sentence`);
    }
  }
}

/**
 * A translation is checked against the source locale: only keys English has,
 * with the same placeholders. Missing keys are left to the coverage report.
 */
function validateTranslation(l: LoadedLocale, source: LocaleData, protocols: ProtocolData[], bag: DiagnosticBag): LocaleData | undefined {
  const info = validateLocaleInfo(l, bag);
  const strings: StringTable = new Map();
  const untranslated = new Set<string>();
  const files: [YamlFile, string][] = [];
  if (l.ui) files.push([l.ui, '']);
  for (const [pid, pf] of l.protocols) {
    if (pf.protocol) files.push([pf.protocol, `protocols.${pid}`]);
    for (const [name, yf] of pf.codes) files.push([yf, `protocols.${pid}.codes.${name}`]);
  }
  for (const [yf, prefix] of files) {
    if (checkShape(yf, messageTree, bag)) addStrings(strings, yf, prefix, bag, untranslated);
  }
  for (const [key, entry] of strings) {
    const en = source.strings.get(key);
    if (!en && source.untranslated.has(key)) continue; // English not written yet: nothing to compare with
    const own = /^protocols\.([^.]+)\.ui\.(.+)$/.exec(key);
    const base = own && protocols.some((p) => p.id === own[1]) ? source.strings.get(own[2]!) : undefined;
    if (!en && base) {
      // The locale's own wording of a UI message for one protocol, where English needs none (Spanish
      // "ambos" for gRPC's masculine "códigos").
      checkUiPlaceholders(key, entry, own![2]!, base, bag);
      continue;
    }
    if (!en) {
      const codeMatch = /^protocols\.([^.]+)\.codes\.([^.]+)\./.exec(key);
      const sourceHasCode = codeMatch && [...source.strings.keys()].some((k) => k.startsWith(`protocols.${codeMatch[1]}.codes.${codeMatch[2]}.`));
      const pd = codeMatch && protocols.find((p) => p.id === codeMatch[1]);
      if (codeMatch && !sourceHasCode) {
        // A code whose file is broken, or whose source texts are missing, is reported there.
        const known = pd && (pd.broken.has(Number(codeMatch[2])) || pd.byCode.has(Number(codeMatch[2])));
        if (!known) bag.error(entry.file, START, 'STRING_UNKNOWN_CODE', `strings for code "${codeMatch[2]}", which does not exist`);
      } else {
        bag.error(entry.file, entry.pos, 'STRING_UNKNOWN_KEY', `"${key}" does not exist in the source locale (${source.id})`);
      }
      strings.delete(key);
      continue;
    }
    if (entry.ast && en.ast) {
      const want = placeholders(en.ast);
      const have = placeholders(entry.ast);
      const lacking = [...want].filter((p) => !have.has(p));
      const extra = [...have].filter((p) => !want.has(p));
      if (lacking.length || extra.length) {
        const parts = [lacking.length ? `missing {${lacking.join('}, {')}}` : '', extra.length ? `unknown {${extra.join('}, {')}}` : ''].filter(Boolean);
        bag.error(entry.file, entry.pos, 'ICU_PLACEHOLDERS', `"${key}": placeholders differ from ${source.id} (${parts.join('; ')})`);
      }
    }
  }
  dedupeUnknownCode(bag);
  const glossary = l.glossary && checkShape(l.glossary, glossarySchema, bag);
  if (glossary) checkGlossary(strings, source, glossary, protocolTokens(protocols), bag);
  const state = l.state && checkShape(l.state, translationStateSchema, bag);
  if (!info) return undefined;
  checkTypography(strings, info.typography, bag);
  checkPlurals(strings, info.intl ?? info.tag, bag);
  return { id: l.id, info, strings, messages: new Messages(info.intl ?? info.tag, strings, info.typography.latinSpacing, info.dir === 'rtl'), translatedFrom: new Map(Object.entries(state ?? {})), glossary: glossary || undefined, untranslated };
}

/** Protocol tokens no translation may change: the compound values of every tokens dimension (header field names). */
export function protocolTokens(protocols: ProtocolData[]): string[] {
  const out = new Set<string>();
  for (const p of protocols) {
    for (const d of p.protocol.dimensions) {
      if (d.kind !== 'tokens') continue;
      // Single words (Contact, Allow, Route) are also English words; only compound names are unambiguous.
      for (const v of d.values ?? []) if (v.includes('-') || /[a-z][A-Z]/.test(v)) out.add(v);
    }
  }
  return [...out].sort();
}

/** One STRING_UNKNOWN_CODE per file is enough. */
function dedupeUnknownCode(bag: DiagnosticBag): void {
  const seen = new Set<string>();
  for (let i = 0; i < bag.items.length; i++) {
    const d = bag.items[i]!;
    if (d.code !== 'STRING_UNKNOWN_CODE') continue;
    if (seen.has(d.file)) bag.items.splice(i--, 1);
    else seen.add(d.file);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
