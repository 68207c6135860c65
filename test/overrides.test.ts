/**
 * Hand-written overrides: each front matter field reaches its page, the body becomes
 * "In practice", text is escaped and Markdown rendered safely, an override never leaks
 * into another locale, hidden pairs leave the listings, and a new override rewrites only
 * its own page's files. (Each error has a broken fixture: test/fixtures/bad/override-*.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../scripts/lib/diagnostics.ts';
import { featuredPairs } from '../scripts/lib/pages.ts';
import { build, checkProject } from '../scripts/lib/pipeline.ts';
import { snapshotDir, tempProject } from './project.ts';

const projects: ReturnType<typeof tempProject>[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});
function project() {
  const p = tempProject();
  projects.push(p);
  return p;
}
function override(root: string, name: string, text: string): void {
  mkdirSync(join(root, 'data/overrides/sip'), { recursive: true });
  writeFileSync(join(root, 'data/overrides/sip', name), text);
}

const SLUG = '401-unauthorized-vs-407-proxy-authentication-required';
const FULL = `---
title: Who is asking for credentials?
description: A hand-written description.
intro: A hand-written intro.
bodyHeading: Field notes
featured: true
sections:
  decisiveDifference: The challenger differs.
  whatItMeans:
    401: What 401 means here.
  whenYouSeeIt:
    407: When 407 shows up here.
  howToFix:
    401: How to fix 401 here.
  whenToUse:
    407: The rule for 407 here.
extraSections:
  - heading: One retry
    text: Answer **every** challenge.
---
Keep the \`Call-ID\`; increment the CSeq.
`;

describe('overrides', () => {
  it('replace each field and add sections, in every format, in their own locale only', () => {
    const baseline = project();
    build(baseline);
    const p = project();
    override(p.root, '401-vs-407.en.md', FULL);
    build(p);
    const out = snapshotDir(p.outDir);
    const html = out.get(`html/en/sip/${SLUG}/index.html`)!;
    const md = out.get(`md/en/sip/${SLUG}.md`)!;
    const json = JSON.parse(out.get(`json/en/sip/${SLUG}.json`)!);
    for (const text of ['Who is asking for credentials?', 'A hand-written description.', 'A hand-written intro.', 'The challenger differs.', 'What 401 means here.', 'When 407 shows up here.', 'How to fix 401 here.', 'The rule for 407 here.']) {
      expect(html, text).toContain(text);
      expect(md, text).toContain(text);
    }
    expect(html).toContain('<section id="extra-1" class="editorial">\n<h2>One retry</h2>\n<p>Answer <strong>every</strong> challenge.</p>\n</section>');
    expect(html).toContain('<section id="in-practice" class="editorial">\n<h2>Field notes</h2>\n<p>Keep the <code>Call-ID</code>; increment the CSeq.</p>');
    expect(md).toContain('## One retry\n\nAnswer **every** challenge.\n\n## Field notes\n\nKeep the `Call-ID`; increment the CSeq.\n');
    expect(md).toMatch(/^title: Who is asking for credentials\?$/m);
    expect(json).toMatchObject({ title: 'Who is asking for credentials?', featured: true, hidden: false, extraSections: [{ id: 'extra-1' }, { id: 'in-practice', heading: 'Field notes' }] });
    // The other code's texts and the other rule stay generated.
    expect(json.codes[1].description).toBe(JSON.parse(snapshotDir(baseline.outDir).get(`json/en/sip/${SLUG}.json`)!).codes[1].description);
    // Related comparisons on other English pages show the new title.
    expect(out.get('html/en/sip/180-ringing-vs-407-proxy-authentication-required/index.html')).toContain('Who is asking for credentials?');
    // Nothing leaks into French: every French file is byte-identical to a build without the override.
    const base = snapshotDir(baseline.outDir);
    for (const [path, content] of out) if (path.includes('/fr/')) expect(content, path).toBe(base.get(path));
  });

  it('default the body heading to the UI string, per locale', () => {
    const p = project();
    override(p.root, '401-vs-407.fr.md', '---\nfeatured: false\n---\nCorps rédigé à la main.\n');
    build(p);
    expect(snapshotDir(p.outDir).get(`html/fr/sip/${SLUG}/index.html`)).toContain('<h2>En pratique</h2>\n<p>Corps rédigé à la main.</p>');
  });

  it('escape text and render Markdown without raw HTML', () => {
    const p = project();
    override(p.root, '401-vs-407.en.md', '---\ntitle: "<script>alert(1)</script> & *stars*"\n---\nUse `<Authorization>` when a < b & c, not *[x](https://example.com/?a=1&b=2)*.\n');
    build(p);
    const out = snapshotDir(p.outDir);
    const html = out.get(`html/en/sip/${SLUG}/index.html`)!;
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; *stars*</h1>');
    expect(html).toContain('<p>Use <code>&lt;Authorization&gt;</code> when a &lt; b &amp; c, not <em><a href="https://example.com/?a=1&amp;b=2">x</a></em>.</p>');
    expect(html).not.toContain('<script>alert');
    expect(out.get(`md/en/sip/${SLUG}.md`)).toContain('# \\<script\\>alert(1)\\</script\\> & \\*stars\\*');
  });

  it('hide a pair from related comparisons in one locale, and list featured pairs per locale', () => {
    const p = project();
    override(p.root, '180-vs-407.en.md', '---\nhidden: true\n---\n');
    override(p.root, '401-vs-407.fr.md', '---\nfeatured: true\n---\n');
    const { index } = checkProject(p);
    expect(featuredPairs(index!, 'fr').map((x) => x.pair.slug)).toEqual([SLUG]);
    expect(featuredPairs(index!, 'en')).toEqual([]);
    build(p);
    const out = snapshotDir(p.outDir);
    const hidden = '180-ringing-vs-407-proxy-authentication-required';
    expect(out.get(`html/en/sip/${SLUG}/index.html`)).not.toContain(`${hidden}/`);
    expect(out.get(`html/fr/sip/${SLUG}/index.html`)).toContain(`${hidden}/`);
    // The page itself is still built, and says it is hidden.
    expect(JSON.parse(out.get(`json/en/sip/${hidden}.json`)!).hidden).toBe(true);
  });

  it('a new override rewrites only its own page (and, when featured, the home page that lists it), and coverage lists it as missing in the other locale', () => {
    const p = project();
    build(p);
    override(p.root, '401-vs-407.en.md', '---\nfeatured: true\n---\nA body.\n');
    const second = build(p);
    expect(second.write.written.sort()).toEqual(['html/en/index.html', `html/en/sip/${SLUG}/index.html`, `json/en/sip/${SLUG}.json`, `md/en/sip/${SLUG}.md`]);
    expect(readFileSync(join(p.outDir, 'html/en/index.html'), 'utf8')).toContain(`href="sip/${SLUG}/"`);
    expect(second.coverage.find((c) => c.locale === 'fr')!.overridesMissing).toEqual(['data/overrides/sip/401-vs-407.fr.md']);
    expect(second.coverage.find((c) => c.locale === 'en')!.overridesMissing).toEqual([]);
  });

  it('follow the locale typography, at the line of the text', () => {
    const p = project();
    override(p.root, '401-vs-407.fr.md', '---\ntitle: "Qui demande ?"\n---\nPremière ligne.\n\nDeuxième paragraphe : faux.\n');
    let error: unknown;
    try {
      build(p);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      'data/overrides/sip/401-vs-407.fr.md:2 TYPOGRAPHY',
      'data/overrides/sip/401-vs-407.fr.md:6 TYPOGRAPHY',
    ]);
  });
});
