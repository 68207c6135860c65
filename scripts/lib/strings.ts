/**
 * String tables: every user-facing string of a locale, flattened to one key space
 * that mirrors the folder layout:
 *   ui.yaml                          → "article.title"
 *   protocols/sip/protocol.yaml      → "protocols.sip.classes.4xx.name"
 *   protocols/sip/codes/401.yaml     → "protocols.sip.codes.401.description"
 * Values are ICU MessageFormat, parsed here once; placeholders are compared with English.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { DiagnosticBag, Position } from './diagnostics.ts';
import type { LocaleInfo } from './schema.ts';
import type { YamlFile, YamlPath } from './yaml-file.ts';

export interface StringEntry {
  source: string;
  file: string;
  pos: Position;
  /** Parsed ICU AST, or undefined when the message has a syntax error. */
  ast?: MessageFormatElement[];
}

export type StringTable = Map<string, StringEntry>;

/**
 * Characters refused in strings: C0/C1 controls other than tab and line feed, the zero-width
 * space, word joiner and a byte-order mark inside text. ZWJ and ZWNJ stay allowed: some
 * scripts (Devanagari, Arabic, Persian) need them.
 */
export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u2060\uFEFF]/u;

/**
 * Adds every string leaf of a YAML file to the table under `prefix`; non-string leaves are
 * reported. With `untranslated`, an empty leaf (null) is a string not written yet: its key
 * goes there instead of into the table.
 */
export function addStrings(table: StringTable, yf: YamlFile, prefix: string, bag: DiagnosticBag, untranslated?: Set<string>): void {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const key = [prefix, ...path].filter((p) => p !== '').join('.');
      const source = value.normalize('NFC');
      const pos = yf.pos(path);
      const control = CONTROL.exec(source);
      if (control) {
        const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        bag.error(yf.file, pos, 'STRING_CONTROL_CHAR', `"${[prefix, ...path].filter((p) => p !== '').join('.')}" contains U+${code}, an invisible or control character; remove it`);
      }
      const entry: StringEntry = { source, file: yf.file, pos };
      try {
        entry.ast = parse(source, { requiresOtherClause: true, ignoreTag: true });
      } catch (e) {
        bag.error(yf.file, pos, 'ICU_SYNTAX', `"${key}": ${icuErrorMessage(e)}`);
      }
      table.set(key, entry);
    } else if (value === null && untranslated) {
      untranslated.add([prefix, ...path].filter((p) => p !== '').join('.'));
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    } else {
      bag.error(yf.file, yf.pos(path), 'SCHEMA_INVALID', `"${[prefix, ...path].join('.')}" must be a string or a map of strings`);
    }
  };
  walk(yf.value, []);
}

function icuErrorMessage(e: unknown): string {
  const err = e as { message?: string };
  return `ICU MessageFormat syntax error (${err.message ?? String(e)})`;
}

/**
 * The placeholder signature of a message: each argument with its kind, and for
 * select/plural the argument only (their cases may legitimately differ by language).
 */
export function placeholders(ast: MessageFormatElement[]): Set<string> {
  const out = new Set<string>();
  const visit = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      switch (el.type) {
        case TYPE.argument:
          out.add(el.value);
          break;
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          out.add(el.value);
          break;
        case TYPE.select:
        case TYPE.plural:
          out.add(el.value);
          for (const opt of Object.values(el.options)) visit(opt.value);
          break;
        case TYPE.tag:
          visit(el.children);
          break;
        default:
          break;
      }
    }
  };
  visit(ast);
  return out;
}

/** Formatted messages kept per locale (every locale of a build holds its own): repeated ones, such as labels and a code's texts, stay cached in practice. */
const MEMO_LIMIT = 4_000;

const FSI = '\u2068';
const PDI = '\u2069';
/**
 * A run of left-to-right text: Latin letters and digits, with the spaces and marks inside codes,
 * reason phrases and tokens ("150 File status okay; about to open data connection",
 * "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)", "257 "PATHNAME" created").
 */
const LTR_RUN = /[A-Za-z0-9§][A-Za-z0-9§ .,:;/+_'’–()<>"!?=&*-]*/g;
const PAIRS: Record<string, string> = { ')': '(', '>': '<', '"': '"' };

/** A run ends with a letter or digit, or with a bracket or quote it opened itself; the rest is the surrounding text's. */
function trimRun(run: string): string {
  let end = run.length;
  while (end > 0) {
    const c = run[end - 1]!;
    if (/[A-Za-z0-9§]/.test(c)) break;
    const open = PAIRS[c];
    const inner = run.slice(0, end - 1);
    if (open && (open === '"' ? (inner.split('"').length - 1) % 2 === 1 : inner.split(open).length > inner.split(c).length)) break;
    end--;
  }
  return run.slice(0, end);
}

/**
 * Wraps every left-to-right run (a code with its reason phrase, a header field name, "RFC 3261
 * §21.4") in Unicode isolates, so that right-to-left text around it cannot reorder it.
 */
export function isolateLtrRuns(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '').replace(LTR_RUN, (match) => {
    const run = trimRun(match);
    return `${FSI}${run}${PDI}${match.slice(run.length)}`;
  });
}

/** Formats messages of one locale; compiled formatters are cached per key. */
export class Messages {
  private readonly cache = new Map<string, IntlMessageFormat>();
  private formatted = new Map<string, string>();
  private previous = new Map<string, string>();
  /** Messages without arguments, by key. */
  private readonly plain = new Map<string, string>();
  /** Protocol → UI key → the key formatFor uses (the protocol's own wording, or the UI message). */
  private readonly wording = new Map<string, Map<string, string>>();
  private listFormat?: Intl.ListFormat;

  constructor(
    readonly tag: string,
    private readonly table: StringTable,
    /** Put a space between CJK characters and Latin letters or digits that a list joins. */
    private readonly latinSpacing = false,
    /**
     * Right-to-left locales: isolate every left-to-right run of the formatted text (codes,
     * reason phrases, protocol tokens) so that "180 Ringing" keeps its order inside Arabic text.
     */
    private readonly isolate = false,
  ) {}


  has(key: string): boolean {
    return this.table.has(key);
  }

  format(key: string, args: Record<string, string | number> = {}): string {
    // Pages repeat the same messages with the same arguments (a code's texts, labels): memoize.
    let memoKey = key;
    for (const k in args) memoKey += `\u0000${k}\u0001${args[k]}`;
    if (memoKey === key) {
      // No arguments (headings, labels, a code's texts): one entry per key, kept for the whole build.
      let plain = this.plain.get(key);
      if (plain === undefined) this.plain.set(key, (plain = this.formatUncached(key, args)));
      return plain;
    }
    let out = this.formatted.get(memoKey);
    if (out === undefined) this.remember(memoKey, (out = this.previous.get(memoKey) ?? this.formatUncached(key, args)));
    return out;
  }

  /**
   * Bounded: sentences unique to one page (intros, titles) would otherwise grow with the site.
   * Two generations: messages still in use (labels, a code's texts) survive the turnover.
   */
  private remember(memoKey: string, text: string): void {
    if (this.formatted.size >= MEMO_LIMIT) {
      this.previous = this.formatted;
      this.formatted = new Map();
    }
    this.formatted.set(memoKey, text);
  }

  private formatUncached(key: string, args: Record<string, string | number>): string {
    let mf = this.cache.get(key);
    if (!mf) {
      const entry = this.table.get(key);
      if (!entry?.ast) throw new Error(`string "${key}" is missing for ${this.tag}`);
      mf = new IntlMessageFormat(entry.ast, this.tag);
      this.cache.set(key, mf);
    }
    const text = String(mf.format(args)).replace(/[ \t\r\n]+/g, ' ').trim();
    return this.isolate ? isolateLtrRuns(text) : text;
  }

  /**
   * A UI message as a protocol words it: `protocols.<p>.ui.<key>` when the protocol's texts
   * give one (SMTP speaks of replies, not responses), else the UI message `key`.
   */
  formatFor(protocol: string, key: string, args: Record<string, string | number> = {}): string {
    let keys = this.wording.get(protocol);
    if (!keys) this.wording.set(protocol, (keys = new Map()));
    let resolved = keys.get(key);
    if (resolved === undefined) {
      const own = `protocols.${protocol}.ui.${key}`;
      keys.set(key, (resolved = this.table.has(own) ? own : key));
    }
    return this.format(resolved, args);
  }

  /** A list in this locale's style: "A, B and C" / "A, B et C" / "A、B、C". */
  list(items: string[]): string {
    const memoKey = `\u0002${items.join('\u0000')}`;
    let out = this.formatted.get(memoKey) ?? this.previous.get(memoKey);
    if (out === undefined) this.remember(memoKey, (out = this.listUncached(items)));
    return out;
  }

  private listUncached(items: string[]): string {
    this.listFormat ??= new Intl.ListFormat(this.tag, { type: 'conjunction' });
    const parts = this.listFormat.formatToParts(this.isolate ? items.map((i) => `${FSI}${i}${PDI}`) : items);
    if (!this.latinSpacing) return parts.map((p) => p.value).join('');
    let out = '';
    for (const { value } of parts) {
      if (out && ((LATIN_END.test(out) && CJK_START.test(value)) || (CJK_END.test(out) && LATIN_START.test(value)))) out += ' ';
      out += value;
    }
    return out;
  }
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const ASCII_AFTER_CJK = new RegExp(`[${CJK}]([,.:;?!()])`, 'u');
const SPACE_BETWEEN_CJK = new RegExp(`[${CJK}、。，：；？！）」』]\\s+[${CJK}（「『]`, 'u');

/** Scripts written without spaces between words, where a list needs a space next to Latin text: CJK and Thai. */
const SPACELESS = `${CJK}\\p{Script=Thai}`;
// A code span (`4.2.1` in Markdown, <code>4.2.1</code> in HTML) counts as Latin text.
const LATIN_END = /[A-Za-z0-9)`>]$/u;
const LATIN_START = /^[A-Za-z0-9(`<]/u;
const CJK_END = new RegExp(`[${SPACELESS}]$`, 'u');
const CJK_START = new RegExp(`^[${SPACELESS}]`, 'u');

/** Checks a locale's typography rules (locale.yaml `typography`) on every string of its table. */
export function checkTypography(table: StringTable, rules: LocaleInfo['typography'], bag: DiagnosticBag): void {
  const { noBreakSpaceBefore, quotes, cjk } = rules;
  const forbidden = rules.forbid.map((f) => ({ re: new RegExp(f.pattern, 'u'), message: f.message }));
  const marks = [...noBreakSpaceBefore].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
  const plainSpaceBefore = marks ? new RegExp(`[ \\t\\n]([${marks}])`, 'u') : undefined;
  for (const [key, entry] of table) {
    const text = entry.source;
    const fail = (message: string) => bag.error(entry.file, entry.pos, 'TYPOGRAPHY', `"${key}": ${message}`);
    const m = plainSpaceBefore?.exec(text);
    if (m) fail(`a plain space precedes "${m[1]}"; use a no-break space (U+202F narrow, or U+00A0)`);
    else if (noBreakSpaceBefore.includes('»') && /«[ \t\n]/u.test(text)) fail('a plain space follows "«"; use a no-break space (U+202F or U+00A0)');
    if (quotes && text.includes('"')) fail(`ASCII double quotes; this language quotes with ${quotes[0]}…${quotes[1]}`);
    if (cjk) {
      const a = ASCII_AFTER_CJK.exec(text);
      if (a) fail(`ASCII "${a[1]}" after CJK text; use the full-width form`);
      else if (SPACE_BETWEEN_CJK.test(text)) fail('a space between CJK characters');
    }
    for (const f of forbidden) {
      const found = f.re.exec(text);
      if (found) fail(`"${found[0]}": ${f.message}`);
    }
  }
}

/**
 * The plural categories a message must spell out in this language: those that some whole
 * number from 0 to 1000 selects (CLDR rules through Intl.PluralRules), except a category
 * whose every such number has an exact `=n` case. Russian needs one/few/many, Arabic
 * zero/one/two/few/many, Japanese only `other` (which the parser already requires).
 */
export function requiredPluralCategories(tag: string, exact: ReadonlySet<number>): string[] {
  const rules = new Intl.PluralRules(tag);
  const open = new Set<string>();
  for (let n = 0; n <= 1000; n++) if (!exact.has(n)) open.add(rules.select(n));
  return [...open].sort();
}

/** Reports plural messages that lack a category the locale's grammar needs (ICU_PLURAL_CATEGORIES). */
export function checkPlurals(table: StringTable, tag: string, bag: DiagnosticBag): void {
  for (const [key, entry] of table) {
    const visit = (els: MessageFormatElement[]): void => {
      for (const el of els) {
        if (el.type === TYPE.plural) {
          const cases = Object.keys(el.options);
          const exact = new Set(cases.filter((c) => c.startsWith('=')).map((c) => Number(c.slice(1))));
          const lacking = requiredPluralCategories(tag, exact).filter((c) => !cases.includes(c));
          if (lacking.length) {
            bag.error(entry.file, entry.pos, 'ICU_PLURAL_CATEGORIES', `"${key}": the plural of {${el.value}} needs the case${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} in ${tag}`);
          }
        }
        if (el.type === TYPE.plural || el.type === TYPE.select) for (const opt of Object.values(el.options)) visit(opt.value);
        if (el.type === TYPE.tag) visit(el.children);
      }
    };
    if (entry.ast) visit(entry.ast);
  }
}

export type { YamlPath };
