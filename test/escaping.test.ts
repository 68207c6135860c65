/**
 * Data cannot inject markup: hostile texts end up as text in Markdown, HTML and
 * front matter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/lib/pipeline.ts';
import { snapshotDir, tempProject } from './project.ts';

describe('escaping', () => {
  it('keeps hostile data as text in every format', () => {
    const p = tempProject();
    try {
      const file = join(p.root, 'data/locales/en/protocols/sip/codes/401.yaml');
      const hostile = `<script>alert(1)</script> [click](javascript:x) ![img](x.png) " onload="x" | --- '{{'x'}}'`;
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: >-\n(  .*\n)+/m, `description: ${JSON.stringify(hostile)}\n`));
      const codeFile = join(p.root, 'data/protocols/sip/codes/401.yaml');
      writeFileSync(codeFile, readFileSync(codeFile, 'utf8').replace('reason: Unauthorized', 'reason: "Un: #authorized ---"'));
      build(p, { locales: ['en'] });
      const files = snapshotDir(p.outDir);
      const html = files.get('html/en/sip/180-ringing-vs-401-un-authorized/index.html')!;
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:x)');
      expect(html).not.toMatch(/<a [^>]*javascript:/);
      const md = files.get('md/en/sip/180-ringing-vs-401-un-authorized.md')!;
      expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\[click\\](javascript:x) !\\[img\\](x.png) " onload="x" \\| -\\-\\- {{x}}');
      const fm = matter(md);
      expect(fm.data.title).toBe('SIP 180 Ringing vs 401 Un: #authorized ---');
      expect(fm.content.startsWith('\n# SIP 180 Ringing vs 401 Un: #authorized -\\-\\-')).toBe(true);
      const json = JSON.parse(files.get('json/en/sip/180-ringing-vs-401-un-authorized.json')!);
      expect(json.codes[1].description).toBe(`<script>alert(1)</script> [click](javascript:x) ![img](x.png) " onload="x" | --- {{x}}`);
    } finally {
      p.cleanup();
    }
  });
});
