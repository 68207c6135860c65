/**
 * Golden files: one pair (SIP 180 vs 401) in every locale and format, rendered by the
 * same stages as the build (index → view model → templates).
 * After an intended change, review the diff and update with `npx vitest run -u`.
 */
import { describe, expect, it } from 'vitest';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { renderArticle, renderHtmlPage } from '../scripts/lib/render.ts';
import { codePageView, homeView, htmlArticle, protocolView, rootView } from '../scripts/lib/site-views.ts';
import { buildArticle } from '../scripts/lib/view-model.ts';
import { REPO, tempProject } from './project.ts';

const project = tempProject({ dataFrom: REPO });
const { index, templates, data } = checkProject(project);
project.cleanup();

const slug = '180-ringing-vs-401-unauthorized';
const cases = data!.locales.flatMap((l) => (['md', 'html', 'json'] as const).map((format) => [l.id, format] as const));

describe('golden articles', () => {
  it.each(cases)('%s %s', async (locale, format) => {
    const page = index!.pages.find((p) => p.locale.id === locale && p.pair.slug === slug)!;
    expect(page, `${locale} publishes ${slug}`).toBeDefined();
    const view = buildArticle(index!, page);
    const content = renderArticle(format, view, page.locale.messages, templates, () => htmlArticle(index!, page, view));
    await expect(content).toMatchFileSnapshot(`golden/${locale}/${slug}.${format}`);
  });
});

describe('golden site pages', () => {
  const sip = data!.protocols.find((p) => p.id === 'sip')!;
  const site = data!.locales.filter((l) => ['en', 'fr', 'ar'].includes(l.id) && index!.homes.has(l.id));
  it('root', async () => {
    await expect(renderHtmlPage('root', rootView(index!), data!.source.messages, templates)).toMatchFileSnapshot('golden/site/index.html');
  });
  it.each(site.map((l) => [l.id, l] as const))('%s home, protocol and code pages', async (id, locale) => {
    await expect(renderHtmlPage('home', homeView(index!, locale), locale.messages, templates)).toMatchFileSnapshot(`golden/site/${id}/index.html`);
    await expect(renderHtmlPage('protocol', protocolView(index!, locale, sip), locale.messages, templates)).toMatchFileSnapshot(`golden/site/${id}/sip/index.html`);
    const code = sip.byCode.get(401)!;
    await expect(renderHtmlPage('code', codePageView(index!, locale, sip, code), locale.messages, templates)).toMatchFileSnapshot(`golden/site/${id}/sip/401-unauthorized/index.html`);
  });
});
