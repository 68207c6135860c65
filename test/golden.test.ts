/**
 * Golden files: one pair (SIP 180 vs 401) in every locale and format, rendered by the
 * same stages as the build (index → view model → templates).
 * After an intended change, review the diff and update with `npx vitest run -u`.
 */
import { describe, expect, it } from 'vitest';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { renderArticle } from '../scripts/lib/render.ts';
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
    const content = renderArticle(format, buildArticle(index!, page), page.locale.messages, templates);
    await expect(content).toMatchFileSnapshot(`golden/${locale}/${slug}.${format}`);
  });
});
