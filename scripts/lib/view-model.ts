/**
 * Stage 4 — view model: everything one article shows, localized, as plain data.
 * Every sentence comes from an ICU message of the locale; nothing here is text.
 * The JSON output is this object as it is.
 */
import { compareFacts, decisiveRow, referencesOf, type ComparedFact, type FactRow } from './facts.ts';
import { pageUrl, publishingLocales, relatedPairs, type Page, type SiteIndex } from './pages.ts';
import type { Pair } from './pairs.ts';
import { clipAtWord } from './seo.ts';
import { referenceLabel, referenceShort, referenceUrl, sortReferences, type ReferenceView } from './references.ts';
import type { Fact } from './schema.ts';
import type { Messages } from './strings.ts';
import type { CodeEntry, DataSet, LocaleData, ProtocolData } from './validate.ts';
import type { Override } from './overrides.ts';

export interface CellView {
  /** Whether the cell states a value (text or tokens); false when it only lists references. */
  hasValue: boolean;
  /** The localized value, or "". */
  text: string;
  /** Verbatim protocol tokens (header field names), shown as code. */
  tokens: string[];
  refs: ReferenceView[];
}

export interface CodeView {
  code: number;
  reason: string;
  name: string;
  /** The localized name when it differs from the registered reason phrase, else "". */
  localName: string;
  anchor: string;
  className: string;
  description: string;
  whenYouSeeIt: string;
  howToFix: string;
  /** A deprecation notice, or "" when the code is current. */
  deprecated: string;
}

export interface EquivalentView {
  /** "SIP 404 Not Found": the code of this page. */
  code: string;
  /** "HTTP 404 Not Found": its equivalent in another protocol. */
  other: string;
  protocol: string;
  otherCode: number;
  /** How the two differ, in one line. */
  note: string;
  refs: ReferenceView[];
}

export interface ArticleView {
  locale: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  siteName: string;
  protocol: { id: string; name: string };
  codes: [CodeView, CodeView];
  slug: string;
  translationKey: string;
  canonical: string;
  /** Every locale that publishes this pair, in site order. */
  alternates: { locale: string; lang: string; name: string; url: string; current: boolean }[];
  xDefault: string;
  /** URL paths of the reverse order, which redirect here. */
  aliases: string[];
  title: string;
  description: string;
  intro: string;
  differences: {
    rows: { label: string; a: CellView; b: CellView }[];
    common: { label: string; value: CellView }[];
    decisive: string;
  };
  whenToUse: { code: number; reason: string; rule: string }[];
  related: { title: string; slug: string }[];
  /** The nearest codes of other protocols, for both codes (those whose note the locale has). */
  equivalents: EquivalentView[];
  references: ReferenceView[];
  /**
   * Sections an editor wrote (data/overrides/): the front matter's extra sections, then the
   * body under its heading. `markdown` is Markdown; the HTML output renders it.
   */
  extraSections: { id: string; heading: string; markdown: string }[];
  /** An editor marked the comparison as featured in this locale (home pages list it). */
  featured: boolean;
  /** An editor hid the comparison from listings in this locale; the page itself exists. */
  hidden: boolean;
}

export function buildArticle(index: SiteIndex, page: Page): ArticleView {
  const { data } = index;
  const { locale, protocol, pair } = page;
  const m = locale.messages;
  const p = `protocols.${protocol.id}`;
  const { a, b } = pair;
  const codeArg = (c: CodeEntry) => `${c.code} ${c.reason}`;
  const className = (c: CodeEntry) => m.format(`${p}.classes.${c.classId}.name`);

  const rows = compareFacts(protocol.protocol, a, b);
  const cell = (row: FactRow, fact: ComparedFact): CellView => factCell(m, protocol.id, row, fact);
  const classCell = (c: CodeEntry): CellView => ({
    hasValue: true,
    text: className(c),
    tokens: [],
    refs: [refView(protocol.protocol.classes.find((k) => k.id === c.classId)!.ref, m)],
  });
  const classLabel = m.formatFor(protocol.id, 'table.class');
  const sameClass = a.classId === b.classId;
  const sameDefinition = JSON.stringify(sortReferences(a.definedIn)) === JSON.stringify(sortReferences(b.definedIn));
  const differing = rows.filter((r) => r.differs);
  const topicOf = (row: FactRow | undefined) => (row ? m.format(`${p}.dimensions.${row.dimension.id}.topic`) : m.formatFor(protocol.id, 'article.classTopic'));
  const classArgs = {
    a: codeArg(a),
    b: codeArg(b),
    aResponse: m.format(`${p}.classes.${a.classId}.response`),
    bResponse: m.format(`${p}.classes.${b.classId}.response`),
  };
  // The decisive difference: a decisive fact, else the class, else the first differing fact.
  const decisive = decisiveRow(rows);
  const fallbackRow = sameClass ? differing[0] : undefined;
  const topic = topicOf(decisive ?? fallbackRow);
  const consequence = (row: FactRow, c: CodeEntry, f: ComparedFact) =>
    m.format(`${p}.dimensions.${row.dimension.id}.values.${f.value as string}.consequence`, { code: codeArg(c) });
  const decisiveText = decisive
    ? m.formatFor(protocol.id, 'article.decisive', { first: consequence(decisive, a, decisive.a), second: consequence(decisive, b, decisive.b) })
    : !sameClass
      ? m.formatFor(protocol.id, 'article.decisiveClass', classArgs)
      : fallbackRow
        ? m.formatFor(protocol.id, 'article.decisiveFact', { topic, a: codeArg(a), b: codeArg(b), aValue: valueText(m, protocol.id, fallbackRow, fallbackRow.a), bValue: valueText(m, protocol.id, fallbackRow, fallbackRow.b) })
        : m.formatFor(protocol.id, 'article.decisiveNone');

  const actionDim = protocol.protocol.dimensions.find((d) => d.action);
  const rule = (c: CodeEntry): string => {
    const sendWhen = m.format(`${p}.codes.${c.code}.sendWhen`);
    const fact = actionDim && c.effectiveFacts[actionDim.id];
    const action = fact ? m.format(`${p}.dimensions.${actionDim.id}.values.${fact.value as string}.action`, { code: codeArg(c) }) : '';
    return m.formatFor(protocol.id, 'article.rule', { sendWhen, action });
  };

  const titleArgs = (x: Pair) => pairTitleArgs(m, protocol.id, x);
  // A hand-written override of this pair in this locale replaces texts and adds sections; other locales never see it.
  const override = data.overrides.get(locale.id, protocol.id, a.code, b.code);
  const replaced = override?.front.sections ?? {};
  const titleOf = (x: Pair) => pairTitle(data, locale, x);
  const codeViewOf = (c: CodeEntry): CodeView => {
    const view = codeView(m, protocol.id, c, className(c), protocol.byCode);
    const k = String(c.code);
    const own = { description: replaced.whatItMeans?.[k], whenYouSeeIt: replaced.whenYouSeeIt?.[k], howToFix: replaced.howToFix?.[k] };
    return own.description || own.whenYouSeeIt || own.howToFix
      ? { ...view, description: own.description ?? view.description, whenYouSeeIt: own.whenYouSeeIt ?? view.whenYouSeeIt, howToFix: own.howToFix ?? view.howToFix }
      : view;
  };
  const alternates = publishingLocales(index, page).map((l) => ({ locale: l.id, lang: l.info.tag, name: l.info.name, url: pageUrl(data, l.id, protocol.id, pair.slug), current: l.id === locale.id }));

  return {
    locale: locale.id,
    lang: locale.info.tag,
    dir: locale.info.dir,
    siteName: data.site.name,
    protocol: { id: protocol.id, name: m.format(`${p}.name`) },
    codes: [codeViewOf(a), codeViewOf(b)],
    slug: pair.slug,
    translationKey: pair.translationKey,
    canonical: pageUrl(data, locale.id, protocol.id, pair.slug),
    alternates,
    xDefault: pageUrl(data, data.source.id, protocol.id, pair.slug),
    aliases: [`/${locale.id}/${protocol.id}/${pair.reverseSlug}/`],
    title: titleOf(pair),
    description: clipAtWord(override?.front.description ?? m.formatFor(protocol.id, 'article.description', titleArgs(pair)), locale.info.tag),
    intro: override?.front.intro ?? m.formatFor(protocol.id, 'article.intro', {
      ...titleArgs(pair),
      sameClass: sameClass ? 'yes' : 'no',
      classResponses: m.format(`${p}.classes.${a.classId}.responses`),
      aResponse: classArgs.aResponse,
      bResponse: classArgs.bResponse,
      differences: differing.length + (sameClass ? 0 : 1),
      topic,
    }),
    differences: {
      rows: [
        ...(sameClass ? [] : [{ label: classLabel, a: classCell(a), b: classCell(b) }]),
        ...differing.map((r) => ({ label: rowLabel(m, protocol.id, r), a: cell(r, r.a), b: cell(r, r.b) })),
        ...(sameDefinition ? [] : [{ label: m.formatFor(protocol.id, 'table.definedIn'), a: refsCell(a, m), b: refsCell(b, m) }]),
      ],
      common: [
        ...(sameClass ? [{ label: classLabel, value: classCell(a) }] : []),
        ...rows.filter((r) => !r.differs).map((r) => ({ label: rowLabel(m, protocol.id, r), value: cell(r, r.a) })),
        ...(sameDefinition ? [{ label: m.formatFor(protocol.id, 'table.definedIn'), value: refsCell(a, m) }] : []),
      ],
      decisive: replaced.decisiveDifference ?? decisiveText,
    },
    whenToUse: [a, b].map((c) => ({ code: c.code, reason: c.reason, rule: replaced.whenToUse?.[String(c.code)] ?? rule(c) })),
    related: relatedPairs(index, page).map((x) => ({ title: titleOf(x), slug: x.slug })),
    equivalents: [a, b].flatMap((c) => equivalentViews(index, locale, protocol, c)),
    references: sortReferences([...referencesOf(a), ...referencesOf(b)]).map((r) => ({ label: referenceLabel(r, m), url: referenceUrl(r) })),
    extraSections: override ? extraSections(override, m) : [],
    featured: override?.front.featured ?? false,
    hidden: override?.front.hidden ?? false,
  };
}

/** A code's equivalents in other protocols, in a locale: only those whose note and protocol name it has. */
export function equivalentViews(index: SiteIndex, locale: LocaleData, protocol: ProtocolData, c: CodeEntry): EquivalentView[] {
  const m = locale.messages;
  const name = (p: ProtocolData, x: CodeEntry) => m.format('article.equivalentCode', { protocol: m.format(`protocols.${p.id}.name`), code: `${x.code} ${x.reason}` });
  return (index.equivalents.get(`${protocol.id}/${c.code}`) ?? [])
    .filter((e) => m.has(e.noteKey) && m.has(`protocols.${e.other.protocol.id}.name`))
    .map((e) => ({
      code: name(protocol, c),
      other: name(e.other.protocol, e.other.code),
      protocol: e.other.protocol.id,
      otherCode: e.other.code.code,
      note: m.format(e.noteKey),
      refs: sortReferences(e.refs).map((r) => refView(r, m)),
    }));
}

/** An override's extra sections, then its body under `bodyHeading` (by default the UI string heading.inPractice). */
function extraSections(o: Override, m: Messages): ArticleView['extraSections'] {
  const out = o.front.extraSections.map((s, i) => ({ id: `extra-${i + 1}`, heading: s.heading, markdown: s.text }));
  if (o.body) out.push({ id: 'in-practice', heading: o.front.bodyHeading ?? m.format('heading.inPractice'), markdown: o.body });
  return out;
}

/** The arguments of `article.title` and `article.description` for a pair. */
function pairTitleArgs(m: Messages, protocol: string, x: Pair) {
  const p = `protocols.${protocol}`;
  return {
    protocol: m.format(`${p}.name`),
    a: x.a.code,
    aReason: x.a.reason,
    aName: m.format(`${p}.codes.${x.a.code}.name`),
    b: x.b.code,
    bReason: x.b.reason,
    bName: m.format(`${p}.codes.${x.b.code}.name`),
  };
}

/** A comparison's title in a locale: an editor's override title, else the generated one. Every page that names the pair uses it. */
export function pairTitle(data: DataSet, locale: LocaleData, x: Pair): string {
  return data.overrides.get(locale.id, x.protocol, x.a.code, x.b.code)?.front.title ?? locale.messages.formatFor(x.protocol, 'article.title', pairTitleArgs(locale.messages, x.protocol, x));
}

function rowLabel(m: Messages, protocol: string, row: FactRow): string {
  const p = `protocols.${protocol}`;
  return m.format(`${p}.dimensions.${row.dimension.id}.label`);
}

function refView(ref: Fact['ref'], m: Messages): ReferenceView {
  return { label: referenceShort(ref, m), url: referenceUrl(ref) };
}

function factCell(m: Messages, protocol: string, row: FactRow, fact: ComparedFact): CellView {
  const refs = fact.ref ? [refView(fact.ref, m)] : [];
  const values = Array.isArray(fact.value) ? fact.value : [fact.value];
  if (row.dimension.kind === 'tokens' && values.length) return { hasValue: true, text: '', tokens: [...values], refs };
  return { hasValue: true, text: capitalize(valueText(m, protocol, row, fact), m.tag), tokens: [], refs };
}

/** A fact's value as text inside a sentence: labels joined as a list, tokens verbatim, or "none". */
function valueText(m: Messages, protocol: string, row: FactRow, fact: ComparedFact): string {
  const p = `protocols.${protocol}`;
  const values = Array.isArray(fact.value) ? fact.value : [fact.value];
  if (row.dimension.kind === 'tokens') return values.length ? m.list(values) : m.formatFor(protocol, 'value.none');
  return m.list(values.map((v) => m.format(`${p}.dimensions.${row.dimension.id}.values.${v}.label`)));
}

/** Set values are listed from lowercase labels; the cell starts with a capital where the script has one. */
function capitalize(text: string, tag: string): string {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 32);
  return first.toLocaleUpperCase(tag) + text.slice(first.length);
}

function refsCell(c: CodeEntry, m: Messages): CellView {
  return { hasValue: false, text: '', tokens: [], refs: sortReferences(c.definedIn).map((r) => refView(r, m)) };
}

/** A code's part of a page is the same on every page of the locale that shows it: computed once. */
const codeViews = new WeakMap<Messages, Map<CodeEntry, CodeView>>();

function codeView(m: Messages, protocol: string, c: CodeEntry, className: string, byCode: Map<number, CodeEntry>): CodeView {
  let views = codeViews.get(m);
  if (!views) codeViews.set(m, (views = new Map()));
  let view = views.get(c);
  if (!view) views.set(c, (view = makeCodeView(m, protocol, c, className, byCode)));
  return view;
}

function makeCodeView(m: Messages, protocol: string, c: CodeEntry, className: string, byCode: Map<number, CodeEntry>): CodeView {
  const p = `protocols.${protocol}`;
  const k = `${p}.codes.${c.code}`;
  const replacements = c.replacedBy.map((r) => `${r} ${byCode.get(r)?.reason ?? ''}`.trim());
  return {
    code: c.code,
    reason: c.reason,
    name: m.format(`${k}.name`),
    localName: m.format(`${k}.name`) === c.reason ? '' : m.format(`${k}.name`),
    anchor: `code-${c.code}`,
    className,
    description: m.format(`${k}.description`),
    whenYouSeeIt: m.format(`${k}.whenYouSeeIt`),
    howToFix: m.format(`${k}.howToFix`),
    deprecated: !c.deprecated
      ? ''
      : replacements.length
        ? m.formatFor(protocol, 'article.deprecated', { code: `${c.code} ${c.reason}`, replacements: m.list(replacements) })
        : m.formatFor(protocol, 'article.deprecatedNoReplacement', { code: `${c.code} ${c.reason}` }),
  };
}
