/**
 * Page signatures: a hash of everything a page's view model is built from, computed
 * without building it. Equal signatures give equal view models, so an unchanged page
 * is recognised without rendering anything.
 *
 * A page (locale, pair) reads: the site settings and the list of locales; the locale's
 * settings and every string that is not about one code; the protocol declaration; both
 * codes' data and texts; the codes its related comparisons and deprecation notes name
 * (their data and texts); and which locales publish the pair; and the locale's overrides
 * (data/overrides/) of the pair and of its related comparisons, whose titles it shows;
 * and the equivalents of both codes in other protocols (the other code's data and texts,
 * whether its page exists, the note).
 */
import { sha256 } from './hash.ts';
import { publishingLocales, relatedPairs, type Page, type SiteIndex } from './pages.ts';
import type { LocaleData, ProtocolData } from './validate.ts';

export class PageSignatures {
  private readonly global = new Map<string, string>();
  private readonly codes = new Map<string, string>();

  constructor(private readonly index: SiteIndex) {}

  of(page: Page): string {
    const { locale, protocol, pair } = page;
    const related = relatedPairs(this.index, page);
    const named = new Set<number>([pair.a.code, pair.b.code, ...pair.a.replacedBy, ...pair.b.replacedBy]);
    for (const r of related) {
      named.add(r.a.code);
      named.add(r.b.code);
    }
    const alternates = publishingLocales(this.index, page).map((l) => l.id);
    // Equivalents show the other protocol's code (its texts, and whether its page exists) and the note.
    const equivalents = [pair.a, pair.b].flatMap((c) =>
      (this.index.equivalents.get(`${protocol.id}/${c.code}`) ?? []).map((e) => {
        const other = e.other.protocol;
        const ready = this.index.ready.get(`${locale.id}/${other.id}`)?.has(e.other.code.code) ?? false;
        return `${e.noteKey}=${locale.strings.get(e.noteKey)?.source ?? '-'};${ready};${this.codeOf(locale, other, e.other.code.code)}`;
      }),
    );
    const overrides = this.index.data.overrides;
    const overrideHashes = [pair, ...related].map((p) => overrides.get(locale.id, protocol.id, p.a.code, p.b.code)?.hash ?? '-');
    return sha256(
      [
        this.globalOf(locale, protocol),
        pair.slug,
        related.map((r) => r.slug).join(','),
        overrideHashes.join(','),
        alternates.join(','),
        equivalents.join(','),
        ...[...named].sort((x, y) => x - y).map((c) => this.codeOf(locale, protocol, c)),
      ].join('\n'),
    );
  }

  /** Site, locale and protocol: the same for every page of a locale and protocol. */
  private globalOf(locale: LocaleData, protocol: ProtocolData): string {
    const key = `${locale.id}/${protocol.id}`;
    let h = this.global.get(key);
    if (h === undefined) {
      const { site, locales, source } = this.index.data;
      h = sha256(
        JSON.stringify([site, locales.map((l) => [l.id, l.info]), source.id, locale.info, protocol.protocol, protocol.registry ?? null]) +
          '\n' +
          stringsText(locale, (k) => !/^protocols\.[^.]+\.codes\./.test(k)),
      );
      this.global.set(key, h);
    }
    return h;
  }

  /** One code: its data and its texts in the locale. */
  private codeOf(locale: LocaleData, protocol: ProtocolData, code: number): string {
    const key = `${locale.id}/${protocol.id}/${code}`;
    let h = this.codes.get(key);
    if (h === undefined) {
      const prefix = `protocols.${protocol.id}.codes.${code}.`;
      h = sha256(JSON.stringify(protocol.byCode.get(code) ?? null) + '\n' + stringsText(locale, (k) => k.startsWith(prefix)));
      this.codes.set(key, h);
    }
    return h;
  }
}

/** The strings of a locale's table that `keep` selects, as `key=source` lines sorted by key: what a hash of them reads. */
export function stringsText(locale: LocaleData, keep: (key: string) => boolean = () => true): string {
  return [...locale.strings]
    .filter(([k]) => keep(k))
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([k, e]) => `${k}=${e.source}`)
    .join('\n');
}
