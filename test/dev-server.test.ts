/**
 * npm run dev: a saved change to a code's YAML appears in the served page (polled, with a
 * generous timeout and no timing assertion); a broken save shows the error overlay over
 * the last good page and sends an "errors" event; fixing it sends "reload". The reload
 * script is only ever added to responses, never written into out/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERLAY_ID, EVENTS_PATH, startDevServer, type DevServer } from '../scripts/lib/dev-server.ts';
import { snapshotDir, tempProject } from './project.ts';

const project = tempProject();
const texts = join(project.root, 'data/locales/en/protocols/sip/codes/401.yaml');
const original = readFileSync(texts, 'utf8');
const PAGE = '/en/sip/180-ringing-vs-401-unauthorized/';
let server: DevServer;
const log: string[] = [];

beforeAll(async () => {
  server = await startDevServer({ paths: project, port: 0, log: (line) => log.push(line) });
});
afterAll(async () => {
  await server?.close();
  project.cleanup();
});

const get = async (path: string) => (await fetch(server.url + path)).text();

/** Polls the page until `check` holds; fails after a generous timeout. */
async function pollPage(path: string, check: (html: string) => boolean): Promise<string> {
  const deadline = Date.now() + 15_000;
  let html = '';
  while (Date.now() < deadline) {
    html = await get(path);
    if (check(html)) return html;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the page never matched; last response:\n${html.slice(0, 500)}\nlog:\n${log.join('\n')}`);
}

/** Collects the event stream's events (name and data) as they arrive. */
async function openEvents() {
  const controller = new AbortController();
  const response = await fetch(server.url + EVENTS_PATH, { signal: controller.signal });
  const events: { event: string; data: string }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (name: string) => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const found = events.find((e) => e.event === name);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no "${name}" event; got ${JSON.stringify(events)}`);
  };
  return { events, waitFor, close: () => controller.abort() };
}

describe('npm run dev', () => {
  it('serves the built pages with the reload script, which out/ never contains', async () => {
    const html = await get(PAGE);
    expect(html).toContain('<h1>SIP 180 Ringing vs 401 Unauthorized</h1>');
    expect(html).toContain(`new EventSource(${JSON.stringify(EVENTS_PATH)})`);
    expect(html).not.toContain(OVERLAY_ID + '" role');
    expect((await fetch(`${server.url}/assets/site.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).not.toBe(200);
  });

  it('shows a saved change to a code, and the error overlay over the last good page', async () => {
    const stream = await openEvents();
    try {
      writeFileSync(texts, original.replace(/^description: >-\n/m, 'description: >-\n  Edited in the dev server test.\n'));
      await pollPage(PAGE, (html) => html.includes('Edited in the dev server test.'));
      await stream.waitFor('reload');

      writeFileSync(texts, `${original}\nhowToFix: [unclosed\n`);
      const broken = await pollPage(PAGE, (html) => html.includes(`id="${OVERLAY_ID}"`));
      expect(broken).toMatch(/data\/locales\/en\/protocols\/sip\/codes\/401\.yaml:\d+:\d+ YAML_/);
      // The previous good page is still the one served.
      expect(broken).toContain('Edited in the dev server test.');
      const errors = await stream.waitFor('errors');
      expect(JSON.parse(errors.data)[0]).toMatch(/401\.yaml:\d+:\d+ YAML_/);
      expect(log.some((l) => /401\.yaml:\d+:\d+ YAML_/.test(l))).toBe(true);

      stream.events.length = 0;
      writeFileSync(texts, original);
      await pollPage(PAGE, (html) => !html.includes(`id="${OVERLAY_ID}"`) && !html.includes('Edited in the dev server test.'));
      await stream.waitFor('reload');
    } finally {
      stream.close();
    }
    for (const [path, content] of snapshotDir(project.outDir)) expect(content, path).not.toContain('EventSource');
  });
});
