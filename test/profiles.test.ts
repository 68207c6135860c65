/**
 * Export profiles on the small fixture: hostile titles round-trip through every
 * profile's front matter (read back by gray-matter) and stay text in Hugo, Eleventy
 * and MDX; the incremental build works per profile; filtered builds keep the other
 * locales' files; profiles and the generic output live side by side.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProcessor } from '@mdx-js/mdx';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../scripts/lib/diagnostics.ts';
import { build, defaultPaths } from '../scripts/lib/pipeline.ts';
import { REPO, snapshotDir, tempProject } from './project.ts';

const PROFILES = ['hugo', 'eleventy', 'astro', 'docusaurus', 'json'];
const TITLE_REASON = '- Un: "authorized" #1';
/** As an ICU message (quoted braces); it renders as `<script>alert(1)</script> {danger} {{x}} {% raw %} --- | [click](javascript:x)`. */
const HOSTILE = `<script>alert(1)</script> '{'danger'}' '{{'x'}}' '{%' raw %'}' --- | [click](javascript:x)`;

function hostileProject() {
  const p = tempProject();
  const codeFile = join(p.root, 'data/protocols/sip/codes/401.yaml');
  writeFileSync(codeFile, readFileSync(codeFile, 'utf8').replace('reason: Unauthorized', `reason: ${JSON.stringify(TITLE_REASON)}`));
  for (const locale of ['en', 'fr']) {
    const file = join(p.root, `data/locales/${locale}/protocols/sip/codes/401.yaml`);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^description: .*(\n {2}.*)*/m, `description: ${JSON.stringify(HOSTILE)}`).replace(/^name: .*$/m, locale === 'en' ? `name: ${JSON.stringify(TITLE_REASON)}` : '$&'));
  }
  return p;
}

const withProfile = (p: ReturnType<typeof tempProject>, profile: string) => ({ ...defaultPaths(p.root, `out/${profile}`) });

describe('export profiles on hostile data', () => {
  it('round-trip a title with ":", quotes, "#" and a leading "-" exactly, and keep text as text', () => {
    const p = hostileProject();
    try {
      const slug = '180-ringing-vs-401-un-authorized-1';
      const title = `SIP 180 Ringing vs 401 ${TITLE_REASON}`;
      for (const profile of PROFILES) build(withProfile(p, profile), { profile });
      const out = (profile: string) => snapshotDir(join(p.root, 'out', profile));
      const front = {
        hugo: `content/en/sip/${slug}.md`,
        eleventy: `en/sip/${slug}.md`,
        astro: `src/content/comparisons/en/sip/${slug}.md`,
        docusaurus: `docs/sip/${slug}.md`,
      };
      for (const [profile, path] of Object.entries(front)) {
        const text = out(profile).get(path);
        expect(text, `${profile}: ${path}`).toBeDefined();
        const { data, content } = matter(text!);
        expect(data.title, profile).toBe(title);
        expect(content, profile).not.toContain('<script>');
        if (profile === 'docusaurus') {
          expect(content).toContain('\\<script\\>alert(1)\\</script\\> \\{danger\\} \\{\\{x\\}\\}');
          expect(() => createProcessor({ format: 'mdx' }).parse(content)).not.toThrow();
        }
      }
      expect(matter(out('hugo').get(`content/en/sip/${slug}.md`)!).data.params.codes[1].reason).toBe(TITLE_REASON);
      const line = out('json').get('en.ndjson')!.split('\n').map((l) => (l ? JSON.parse(l) : undefined)).find((r) => r?.slug === slug);
      expect(line.title).toBe(title);
      expect(line.codes[1].reason).toBe(TITLE_REASON);

      // The real tools keep the text as text: Liquid is not run on Eleventy's Markdown, HTML is escaped.
      const eleventy = join(p.root, 'out/eleventy');
      execFileSync(process.execPath, [join(REPO, 'node_modules/@11ty/eleventy/cmd.cjs'), '--input=.', '--output=../eleventy-site', '--quiet'], { cwd: eleventy, stdio: 'pipe' });
      const page = readFileSync(join(p.root, `out/eleventy-site/en/sip/${slug}/index.html`), 'utf8');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {danger} {{x}} {% raw %}');
      expect(page).toContain(`<title>SIP 180 Ringing vs 401 - Un: &quot;authorized&quot; #1</title>`);
      execFileSync('hugo', ['--quiet', '--destination', '../hugo-site'], { cwd: join(p.root, 'out/hugo'), stdio: 'pipe' });
      const hugoPage = readFileSync(join(p.root, `out/hugo-site/en/sip/${slug}/index.html`), 'utf8');
      expect(hugoPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {danger} {{x}} {% raw %}');
      expect(hugoPage).toContain('<title>SIP 180 Ringing vs 401 - Un: &#34;authorized&#34; #1</title>');
    } finally {
      p.cleanup();
    }
  });
});

describe('export profiles and the incremental build', () => {
  it('rebuild nothing when nothing changed, and only the pages of a changed code', () => {
    const p = tempProject();
    try {
      for (const profile of PROFILES) {
        const paths = withProfile(p, profile);
        const first = build(paths, { profile });
        expect(first.write.written.length, profile).toBe(first.files);
        expect(existsSync(join(paths.outDir, 'manifest.json'))).toBe(true);
        const again = build(paths, { profile });
        expect(again.write.written, profile).toEqual([]);
        expect(again.rendered, profile).toBe(0);
      }
      const file = join(p.root, 'data/locales/fr/protocols/sip/codes/407.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^howToFix: /m, 'howToFix: Nouveau texte. '));
      const hugo = build(withProfile(p, 'hugo'), { profile: 'hugo' });
      expect(hugo.write.written.sort()).toEqual(['content/fr/sip/180-ringing-vs-407-proxy-authentication-required.md', 'content/fr/sip/401-unauthorized-vs-407-proxy-authentication-required.md']);
      const json = build(withProfile(p, 'json'), { profile: 'json' });
      expect(json.write.written).toEqual(['fr.ndjson']);
    } finally {
      p.cleanup();
    }
  });

  it('keep the other locales on a filtered build, and live beside the generic output', () => {
    const p = tempProject();
    try {
      build(p, {});
      const generic = snapshotDir(p.outDir);
      const hugo = withProfile(p, 'hugo');
      build(hugo, { profile: 'hugo' });
      const before = snapshotDir(hugo.outDir);
      const fr = build(hugo, { profile: 'hugo', locales: ['fr'] });
      expect(fr.pages).toBe(3);
      expect(fr.write.pruned).toEqual([]);
      expect(snapshotDir(hugo.outDir)).toEqual(before);
      // The generic build does not touch out/hugo/, nor the profile the generic files.
      build(p, {});
      expect(snapshotDir(hugo.outDir)).toEqual(before);
      const after = snapshotDir(p.outDir);
      for (const [path, content] of generic) expect(after.get(path), path).toBe(content);
    } finally {
      p.cleanup();
    }
  });

  it('refuse an unknown profile and --format with a profile', () => {
    const p = tempProject();
    try {
      expect(() => build(p, { profile: 'wordpress' })).toThrow(UsageError);
      expect(() => build(p, { profile: 'wordpress' })).toThrow('unknown profile "wordpress"; use generic, astro, docusaurus, eleventy, hugo, json');
      expect(() => build(withProfile(p, 'hugo'), { profile: 'hugo', formats: ['md'] })).toThrow(UsageError);
      expect(build(p, { profile: 'generic' }).files).toBeGreaterThan(0);
    } finally {
      p.cleanup();
    }
  });
});
