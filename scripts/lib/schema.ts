/**
 * The one declaration of every data file's shape. TypeScript types are derived
 * from these schemas (z.infer); no other copy of the shape exists.
 *
 * Language-neutral data lives under data/site.yaml and data/protocols/; every
 * user-facing string lives under data/locales/<locale>/ (see README "Data layout").
 */
import { z } from 'zod';

/** Lowercase BCP 47 tag used as a folder name: `en`, `fr`, `zh-hans`, `pt-br`. */
export const localeId = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'must be a lowercase BCP 47 tag such as "fr" or "zh-hans"');

/** A slug-safe identifier: protocol ids, class ids, fact dimension ids and values. */
export const ident = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens');

/** A reference to a specification section. RFCs link to the RFC Editor; other documents give a URL. */
export const reference = z.union([
  z.strictObject({
    rfc: z.number().int().positive(),
    section: z.string().regex(/^(\d+(\.\d+)*|[A-Z](\.\d+)*)$/, 'must be a section number such as "21.4.2"').optional(),
  }),
  z.strictObject({
    doc: z.string().min(1),
    url: z.url(),
    section: z.string().min(1).optional(),
  }),
]);

/** A fact value: an enum value, a set of enum values, or verbatim protocol tokens. */
export const factValue = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** A language-neutral fact with the specification section it comes from. */
export const fact = z.strictObject({
  value: factValue,
  ref: reference,
});

// ---------------------------------------------------------------- site.yaml

export const outputFormat = z.enum(['md', 'html', 'json']);

export const siteSchema = z.strictObject({
  name: z.string().min(1),
  /** Absolute base URL without a trailing slash; canonical and alternate URLs start with it. */
  baseUrl: z.url().regex(/[^/]$/, 'must not end with "/"'),
  sourceLocale: localeId,
  locales: z.array(localeId).min(1),
  formats: z.array(outputFormat).min(1),
  /** `all`: every unordered pair; `related`: pairs where one code lists the other, plus pairs within a class. */
  pairPolicy: z.enum(['all', 'related']).default('all'),
  /** The licence of the generated texts, named in every HTML page's footer. */
  licence: z.strictObject({ name: z.string().min(1), url: z.url() }).optional(),
});

// ------------------------------------------------- protocols/<p>/protocol.yaml

export const dimensionSchema = z.strictObject({
  id: ident,
  /** enum: one value; set: one or more values; tokens: protocol tokens shown verbatim (header field names). */
  kind: z.enum(['enum', 'set', 'tokens']),
  /** Allowed values: identifiers for enum and set dimensions (labels come from the locales); for tokens, the spelling each token must have. */
  values: z.array(z.string().min(1)).min(1).optional(),
  /** Whether a difference in this dimension can be the decisive one (enum dimensions only), in declared order. */
  decisive: z.boolean().default(false),
  /** Whether every code must state this fact (directly or through its class). */
  required: z.boolean().default(false),
  /** Whether this enum dimension's values carry the `action` sentence used in "When to use which". */
  action: z.boolean().default(false),
});

export const codeClassSchema = z.strictObject({
  id: ident,
  /** Inclusive code range of the class, e.g. [100, 199]. */
  range: z.tuple([z.number().int(), z.number().int()]),
  ref: reference,
  /** Facts every code of the class shares unless the code states its own. */
  facts: z.record(ident, fact).default({}),
});

export const protocolSchema = z.strictObject({
  id: ident,
  name: z.string().min(1),
  /** The specifications that define the protocol's codes. */
  specs: z.array(reference).min(1),
  codeRange: z.tuple([z.number().int(), z.number().int()]),
  classes: z.array(codeClassSchema).min(1),
  /** Fact dimensions, in the order they appear in Key differences. */
  dimensions: z.array(dimensionSchema).min(1),
  /** Comparisons the home page features, as pairs of codes. */
  featured: z.array(z.tuple([z.number().int(), z.number().int()])).default([]),
  /** Which pairs get a comparison in this protocol; site.yaml `pairPolicy` when absent. */
  pairPolicy: z.enum(['all', 'related']).optional(),
});

// ---------------------------------------------- protocols/<p>/codes/<n>.yaml

export const codeSchema = z.strictObject({
  code: z.number().int().describe('The code number; the file is named <code>.yaml.'),
  /** The registered reason phrase, in English, exactly as the registry spells it. */
  reason: z.string().min(1).describe('The registered reason phrase, in English, exactly as the registry spells it.'),
  /** Where the code is defined. */
  definedIn: z.array(reference).min(1).describe('Where the code is defined: { rfc: N, section: "x.y" } for each specification.'),
  /** Facts stated by the code itself (class facts apply otherwise); an empty `facts:` means none. */
  facts: z
    .record(ident, fact)
    .nullish()
    .transform((f) => f ?? {})
    .describe('Language-neutral facts, each { value, ref: { rfc, section } }; a fact here overrides the class.'),
  /** Codes this one is commonly confused with; related comparisons link to these first. */
  related: z.array(z.number().int()).default([]).describe('Codes this one is commonly confused with; related comparisons link to these first.'),
  deprecated: z.boolean().default(false).describe('Whether the registry marks the code as deprecated.'),
  /** With deprecated: the codes that replace it. */
  replacedBy: z.array(z.number().int()).default([]).describe('With deprecated: the codes that replace it.'),
  /**
   * The nearest codes of other protocols. Declared on one of the two codes only; both codes'
   * pages show it. The note (how they differ) is the text `equivalents.<protocol>-<code>`.
   */
  equivalents: z
    .array(
      z.strictObject({
        protocol: ident,
        code: z.number().int(),
        /** The sections that support the note, one per protocol at least. */
        refs: z.array(reference).min(1),
      }),
    )
    .default([])
    .describe('Nearest codes of other protocols: { protocol, code, refs: [{ rfc, section }] }; the texts give a one-line note on how they differ (equivalents.<protocol>-<code>).'),
  /** A code being written: checked, but a missing fact is a warning and no page shows it. */
  draft: z.boolean().default(false).describe('While true, the code is checked but no page shows it and missing facts are warnings; delete the line when the facts and the English texts are complete.'),
});

// ------------------------------------------ protocols/<p>/registry.yaml

/** A copy of the protocol's official code registry, to check the codes against. */
export const registrySchema = z.strictObject({
  /** Where the copy comes from. */
  source: z.url(),
  /** The registry's own "last updated" date. */
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** When the copy was made. */
  retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  codes: z.array(
    z.strictObject({
      code: z.number().int(),
      reason: z.string().min(1),
      rfcs: z.array(z.number().int().positive()).default([]),
      deprecated: z.boolean().default(false),
    }),
  ),
  /*
   * A number may appear in more than one row when the registry itself assigns it twice
   * (DNS RCODE 16: BADVERS and BADSIG); the code's data file then takes one row's reason
   * and its texts describe both meanings.
   */
});

// ------------------------------------------------------------ locale tables

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** data/locales/<l>/locale.yaml: the locale itself. */
export const localeSchema = z.strictObject({
  /** The BCP 47 tag as it appears in HTML `lang` and `hreflang`, e.g. "zh-Hans". */
  tag: z.string().min(2),
  /** The language's own name, e.g. "Français". */
  name: z.string().min(1),
  dir: z.enum(['ltr', 'rtl']).default('ltr'),
  /** The tag used for Intl formatting (lists, numbers) when it should differ from `tag`, e.g. "en-GB" (no serial comma). */
  intl: z.string().min(2).optional(),
  /** Typography checked on every string of the locale. */
  typography: z
    .strictObject({
      /** Punctuation that must be preceded by a no-break space (U+00A0 or U+202F) when preceded by a space. */
      noBreakSpaceBefore: z.string().default(''),
      /** The quotation marks the language uses, e.g. "„“" or "「」"; ASCII double quotes are then an error. */
      quotes: z.string().length(2).optional(),
      /** Chinese and Japanese: full-width punctuation after CJK text, and no spaces between CJK characters. */
      cjk: z.boolean().default(false),
      /** A space separates CJK or Thai text from Latin letters and digits inside generated lists ("UAS และ …"). */
      latinSpacing: z.boolean().default(false),
      /**
       * Patterns (JavaScript regular expressions, Unicode mode) that must not occur in any string,
       * each with the advice printed when one does: Korean "(을)를" alternations, a Turkish suffix
       * glued to a placeholder, a Latin comma after Arabic text.
       */
      forbid: z
        .array(
          z.strictObject({
            pattern: z.string().min(1).refine(isRegExp, 'must be a valid regular expression'),
            message: z.string().min(1),
          }),
        )
        .default([]),
    })
    .default({ noBreakSpaceBefore: '', cjk: false, latinSpacing: false, forbid: [] }),
});

/**
 * data/locales/<l>/glossary.yaml: protocol tokens that stay as they are, and the
 * agreed translation of recurring terms (each English term → accepted forms).
 */
export const glossarySchema = z.strictObject({
  /** Tokens that appear verbatim wherever the English text has them (methods, option tags). */
  keep: z.array(z.string().min(1)).default([]),
  /** English term (lowercase) → the forms a translation may use; one must appear where English has the term. */
  terms: z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
});

/**
 * data/locales/<l>/translated-from.yaml: for each translated key, a hash of the English
 * text it was translated from. A translation whose English has changed since is stale.
 */
export const translationStateSchema = z.record(z.string().min(1), z.string().regex(/^[0-9a-f]{12}$/, 'must be 12 hex digits'));

/**
 * A flat or nested table of ICU MessageFormat strings (data/locales/<l>/ui.yaml). An empty
 * value (null) is a string not translated yet, e.g. a stub written by `npm run new:code`:
 * it counts as missing.
 */
export type MessageTree = { [key: string]: string | null | MessageTree };
export const messageTree: z.ZodType<MessageTree> = z.lazy(() =>
  z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'keys are letters, digits, "_" and "-"'), z.union([z.string(), z.null(), messageTree])),
);

const enumValueTexts = z.strictObject({
  /** Short label for the Key differences table. */
  label: z.string().min(1),
  /** A full sentence with {code}: what this value means for that code (used for the decisive difference). */
  consequence: z.string().min(1).optional(),
  /** A full sentence with {code}: what the client does after receiving it (used in When to use which). */
  action: z.string().min(1).optional(),
});

/** data/locales/<l>/protocols/<p>/protocol.yaml: the protocol's localized names and fact labels. */
export const protocolTextsSchema = z.strictObject({
  name: z.string().min(1),
  classes: z.record(
    ident,
    z.strictObject({
      /** Title-case name for tables: "Request failure (4xx)". */
      name: z.string().min(1),
      summary: z.string().min(1),
      /** One response of the class, with its article, for use inside a sentence: "a request failure (4xx) response". */
      response: z.string().min(1),
      /** Several responses of the class, for "both are …": "request failure (4xx) responses". */
      responses: z.string().min(1),
    }),
  ),
  dimensions: z.record(
    ident,
    z.strictObject({
      /** Row label in Key differences. */
      label: z.string().min(1),
      /** The dimension as the object of a sentence: "whether the response is provisional or final". */
      topic: z.string().min(1),
      values: z.record(ident, enumValueTexts).default({}),
    }),
  ),
  /**
   * UI messages as this protocol words them, under the same keys as ui.yaml
   * (`page.registry`, `article.decisiveNone` …): SMTP and FTP speak of replies, WebSocket of
   * close codes, and each names its own registry. They take the UI message's placeholders.
   */
  ui: messageTree.optional(),
});

/**
 * data/locales/<l>/protocols/<p>/codes/<n>.yaml: one code's texts. An empty value (null) is a
 * text not written yet: it counts as missing, and pages that show the code are not built in
 * the locale until it is written.
 */
const codeText = (description: string) => z.string().min(1).nullable().describe(description);
export const codeTextsSchema = z.strictObject({
  /** The reason phrase in this language (the registry phrase in English). */
  name: codeText('The reason phrase in this language (in English, the registered phrase).'),
  description: codeText('What the code means: who sends it and what it tells the client (What it means).'),
  whenYouSeeIt: codeText('The situations in which one meets it in practice (When you see it).'),
  howToFix: codeText('What the caller and the server operator can do about it (How to fix it).'),
  /** One sentence: the situation in which a server sends this code (When to use which). */
  sendWhen: codeText('One sentence: the situation in which a server sends this code (When to use which).'),
  /** One line per equivalent the code's data declares, keyed "<protocol>-<code>": how the two differ. */
  equivalents: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*-\d+$/, 'keys are "<protocol>-<code>", e.g. "http-404"'), codeText('How this code and the equivalent differ, in one line.')).optional(),
});

// ------------------------------- overrides/<p>/<low>-vs-<high>.<locale>.md

/** Plain text in an override's front matter: escaped like every other string. */
const overrideText = z.string().trim().min(1);
/** Markdown in an override (body and extra sections): raw HTML is refused. */
const overrideMarkdown = z.string().trim().min(1);
/** Per-code replacement texts, keyed by one of the pair's two codes. */
const perCode = z.record(z.string().regex(/^\d+$/, 'must be a code number'), overrideText);

/** The names of the sections whose text an override can replace (`sections:` in the front matter). */
export const overrideSections = z.strictObject({
  /** "The decisive difference" paragraph. */
  decisiveDifference: overrideText.optional(),
  /** A code's "What it means" text on this page. */
  whatItMeans: perCode.optional(),
  /** A code's "When you see it" text on this page. */
  whenYouSeeIt: perCode.optional(),
  /** A code's "How to fix it" text on this page. */
  howToFix: perCode.optional(),
  /** A code's rule in "When to use which". */
  whenToUse: perCode.optional(),
});

/**
 * The YAML front matter of a hand-written override, data/overrides/<p>/<low>-vs-<high>.<locale>.md.
 * Its Markdown body becomes an extra section headed `bodyHeading` (by default the UI string
 * heading.inPractice).
 */
export const overrideSchema = z
  .strictObject({
    title: overrideText.optional(),
    description: overrideText.optional(),
    intro: overrideText.optional(),
    sections: overrideSections.default({}),
    /** Sections added after "When to use which", in order; `text` is Markdown. */
    extraSections: z.array(z.strictObject({ heading: overrideText, text: overrideMarkdown })).default([]),
    /** The heading of the body's section. */
    bodyHeading: overrideText.optional(),
    /** Listed first where comparisons are featured (home pages). */
    featured: z.boolean().default(false),
    /** Not listed anywhere (related comparisons, home pages); the page itself is still built. */
    hidden: z.boolean().default(false),
  })
  .refine((o) => !(o.featured && o.hidden), { path: ['hidden'], message: 'a comparison cannot be both featured and hidden' });

export type Reference = z.infer<typeof reference>;
export type Fact = z.infer<typeof fact>;
export type Site = z.infer<typeof siteSchema>;
export type OutputFormat = z.infer<typeof outputFormat>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type CodeClass = z.infer<typeof codeClassSchema>;
export type Protocol = z.infer<typeof protocolSchema>;
export type Code = z.infer<typeof codeSchema>;
export type Registry = z.infer<typeof registrySchema>;
export type LocaleInfo = z.infer<typeof localeSchema>;
export type Glossary = z.infer<typeof glossarySchema>;
export type ProtocolTexts = z.infer<typeof protocolTextsSchema>;
export type CodeTexts = z.infer<typeof codeTextsSchema>;
export type OverrideFront = z.infer<typeof overrideSchema>;

// ------------------------------------------------ profiles/<name>/profile.yaml

/**
 * A mapping from our article (or site) record to a tool's fields: `$path` takes a value
 * (`$codes[].code` maps over a list; `$$` starts a literal `$`), a string with `{{path}}`
 * interpolates, `{ $each: $list, $key: field, $value: mapping }` builds a map (or, without
 * `$key`, a list) from a list; `{ $literal: … }` is taken as written, `{{…}}` included;
 * anything else is a literal.
 */
export type Mapping = string | number | boolean | null | Mapping[] | { [key: string]: Mapping };
export const mapping: z.ZodType<Mapping> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(mapping), z.record(z.string(), mapping)]),
);

/** A path inside an export: relative, forward slashes, no `..`; `{{path}}` placeholders allowed. */
const exportPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '' || s === '.'), 'must be a relative path without "." or ".." segments');

/** An export profile: where a tool expects each file, and which fields it reads (README "Export profiles"). */
export const profileSchema = z.strictObject({
  /** One line for `--help` and the README. */
  description: z.string().min(1),
  /** `markdown`: one file per page, front matter then the body; `ndjson`: one file per locale, one JSON line per page. */
  output: z.enum(['markdown', 'ndjson']),
  /** Where each page (markdown) or each locale's file (ndjson) goes, with `{{…}}` from the article record. */
  path: exportPath,
  /** The source locale's path, when the tool keeps it apart (Docusaurus: `docs/`). */
  sourceLocalePath: exportPath.optional(),
  /** Front matter syntax (markdown output). */
  frontMatter: z.enum(['yaml', 'toml']).default('yaml'),
  /** The Markdown body: escaping, and the href of a related comparison (`{{slug}}` of the other page; `{{locale}}`, `{{lang}}`, `{{protocol.id}}`). */
  body: z
    .strictObject({ escape: z.enum(['markdown', 'mdx']).default('markdown'), link: z.string().min(1).default('{{slug}}.md') })
    .default({ escape: 'markdown', link: '{{slug}}.md' }),
  /** The front matter (markdown) or the JSON line (ndjson), mapped from the article record. */
  fields: z.record(z.string().min(1), mapping),
  /** Files built once from the site record: tool configuration, per-locale data files (`each: locale`). */
  siteFiles: z
    .array(
      z.strictObject({
        path: exportPath,
        format: z.enum(['yaml', 'toml', 'json']),
        each: z.literal('locale').optional(),
        data: mapping,
      }),
    )
    .default([]),
  /** A JSON Schema generated from one of our zod schemas (`articleRecord`), for importers. */
  jsonSchema: z.strictObject({ path: exportPath, of: z.enum(['articleRecord']) }).optional(),
  /** Files of the profile folder copied as they are (layouts, the Astro collection schema): export path → file in the profile folder. */
  copy: z.record(exportPath, exportPath).default({}),
});

/** A URL path: "/fr/sip/180-ringing-vs-401-unauthorized/" (a plain pattern, so that the JSON Schema has no custom format). */
const urlPath = z.string().regex(/^\/\S*\/$/, 'must be a URL path such as "/fr/sip/…/"');

/**
 * One article as the export profiles see it: what their `fields` read, and (all of
 * it) one line of the `json` profile. `body` is the Markdown body in the profile's escaping.
 */
export const articleRecordSchema = z.strictObject({
  locale: localeId,
  lang: z.string().min(2),
  dir: z.enum(['ltr', 'rtl']),
  title: z.string().min(1),
  description: z.string().min(1),
  protocol: z.strictObject({ id: ident, name: z.string().min(1) }),
  codes: z.array(z.strictObject({ code: z.number().int(), reason: z.string().min(1), name: z.string().min(1) })).length(2),
  slug: z.string().min(1),
  translationKey: z.string().min(1),
  /** URL path of the page: "/fr/sip/180-ringing-vs-401-unauthorized/". */
  path: urlPath,
  canonical: z.url(),
  /** Every locale that publishes the pair (this one included), in site order. */
  alternates: z.array(z.strictObject({ locale: localeId, lang: z.string().min(2), name: z.string().min(1), path: urlPath, url: z.url() })).min(1),
  /** The source locale's URL of the pair (hreflang x-default). */
  xDefault: z.url(),
  /** URL paths of the reverse order, which should redirect here. */
  aliases: z.array(urlPath),
  body: z.string(),
});

/** What site files read: the site and every locale that publishes pages, in site order. */
export const siteRecordSchema = z.strictObject({
  site: z.strictObject({ name: z.string(), baseUrl: z.url(), sourceLocale: localeId, sourceLang: z.string() }),
  locales: z.array(
    z.strictObject({ id: localeId, lang: z.string(), name: z.string(), dir: z.enum(['ltr', 'rtl']), weight: z.number().int(), isSource: z.boolean() }),
  ),
  protocols: z.array(z.strictObject({ id: ident, name: z.string() })),
});

export const EXPORT_SCHEMAS = { articleRecord: articleRecordSchema } as const;

export type Profile = z.infer<typeof profileSchema>;
export type ArticleRecord = z.infer<typeof articleRecordSchema>;
export type SiteRecord = z.infer<typeof siteRecordSchema>;
