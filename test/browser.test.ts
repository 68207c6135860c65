/**
 * The HTML site in a real browser: Debian's chromium driven by playwright-core (never a
 * downloaded browser), serving the shared full build (test/global-setup.ts) on localhost.
 * Clicks through home → protocol → code → comparison → another language → back in three
 * locales, takes screenshots at 375 px and 1280 px (test-results/screenshots/), checks that
 * no page scrolls sideways (also at 320 px), and runs axe-core on each page type.
 * .ci/run installs chromium; without it this file fails and says how to install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../scripts/lib/serve.ts';
import { fullBuild } from './full-build.ts';
import { REPO } from './project.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(REPO, 'test-results/screenshots');
const AXE = createRequire(import.meta.url)('axe-core').source as string;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  server = await serveStatic(join(fullBuild().outDir, 'html'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Width-checks, screenshots and axe-core for the page in view. */
async function inspect(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [320, 375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${name} at ${width}px scrolls sideways by ${overflow}px`);
    if (width !== 320) await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: width === 375 });
  }
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${name}: axe ${v.impact} ${v.id} (${v.nodes} elements)`);
  return problems;
}

describe('the site in chromium', () => {
  it.each([
    ['en', 'fr'],
    ['fr', 'de'],
    ['ja', 'en'],
  ])('%s: home → protocol → code → comparison → %s → back, readable at 375 and 1280 px, no serious axe violation', async (locale, other) => {
    const page = await browser.newPage();
    const problems: string[] = [];
    try {
      await page.goto(`${server.url}/${locale}/`);
      expect(await page.getAttribute('html', 'lang')).toBeTruthy();
      problems.push(...(await inspect(page, `${locale}-home`)));
      await page.click('#protocols a[href="sip/"]');
      expect(new URL(page.url()).pathname).toBe(`/${locale}/sip/`);
      problems.push(...(await inspect(page, `${locale}-protocol`)));
      await page.click('a[href="401-unauthorized/"]');
      expect(new URL(page.url()).pathname).toBe(`/${locale}/sip/401-unauthorized/`);
      problems.push(...(await inspect(page, `${locale}-code`)));
      await page.click('a[href="../401-unauthorized-vs-407-proxy-authentication-required/"]');
      const article = `/${locale}/sip/401-unauthorized-vs-407-proxy-authentication-required/`;
      expect(new URL(page.url()).pathname).toBe(article);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('#key-differences table').count()).toBeGreaterThan(0);
      problems.push(...(await inspect(page, `${locale}-comparison`)));
      await page.click(`nav.languages a[href*="/${other}/"]`);
      expect(new URL(page.url()).pathname).toBe(article.replace(`/${locale}/`, `/${other}/`));
      await page.goBack();
      expect(new URL(page.url()).pathname).toBe(article);
      // The breadcrumb leads home again.
      await page.click('nav.breadcrumbs a >> nth=0');
      expect(new URL(page.url()).pathname).toBe(`/${locale}/`);
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('sends the reader from / to their language, and lists every language without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/fr\/$/);
    await context.close();
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const plain = await noJs.newPage();
    await plain.goto(`${server.url}/`);
    expect(new URL(plain.url()).pathname).toBe('/');
    const homes = fullBuild().check.data!.locales.filter((l) => fullBuild().check.index!.homes.has(l.id));
    expect(await plain.locator('[data-locales] a').count()).toBe(homes.length);
    await noJs.close();
    // A reader whose languages the site does not have stays on the list (and axe can run there).
    const other = await browser.newContext({ locale: 'eo' });
    const stay = await other.newPage();
    await stay.goto(`${server.url}/`);
    const problems = await inspect(stay, 'root');
    expect(new URL(stay.url()).pathname).toBe('/');
    await other.close();
    expect(problems).toEqual([]);
  });

  it('lays right-to-left pages out from the right', async () => {
    const rtl = fullBuild().check.data!.locales.filter((l) => l.info.dir === 'rtl' && fullBuild().check.index!.homes.has(l.id));
    for (const locale of rtl) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${server.url}/${locale.id}/sip/180-ringing-vs-401-unauthorized/`);
      const brand = await page.locator('header.site .brand').boundingBox();
      const h1 = await page.locator('h1').boundingBox();
      // The header's logical start (the site name) and the heading's start are on the right.
      expect(brand!.x).toBeGreaterThan(640);
      expect(h1!.x + h1!.width).toBeGreaterThan(900);
      const problems = await inspect(page, `${locale.id}-comparison`);
      await page.close();
      expect(problems).toEqual([]);
    }
  });
});
