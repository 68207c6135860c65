/**
 * `npm run dev`: a preview of the HTML site on localhost. It builds out/html with the
 * pipeline's incremental build (only the pages a change affects are rendered again),
 * watches data/ and templates/, rebuilds on every save and tells the browser to reload
 * through Server-Sent Events. A data or template error is printed in the terminal and
 * shown as an overlay in the page, while the pages of the last good build stay served.
 *
 * The reload script and the overlay are added to HTML responses as they are served;
 * nothing of them is ever written into the output folder.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { watch, type FSWatcher } from 'chokidar';
import { DataError, formatDiagnostic, type Diagnostic } from './diagnostics.ts';
import { build, type ProjectPaths } from './pipeline.ts';

export interface DevServerOptions {
  paths: ProjectPaths;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  locales?: string[];
  protocols?: string[];
  /** Where progress and errors go (the terminal by default). */
  log?: (line: string) => void;
  /** Saves closer together than this are built once. */
  debounceMs?: number;
}

export interface DevServer {
  url: string;
  /** The errors of the last build ([] after a good one). */
  readonly errors: string[];
  close(): Promise<void>;
}

/** The URL path of the event stream; chosen so that it cannot clash with a page. */
export const EVENTS_PATH = '/__codecompare/events';
export const OVERLAY_ID = 'codecompare-dev-overlay';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { paths } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = resolve(paths.outDir, 'html');
  const clients = new Set<ServerResponse>();
  let errors: string[] = [];

  const send = (event: string, data: unknown) => {
    for (const res of clients) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  const rebuild = (reason: string) => {
    const started = performance.now();
    try {
      const result = build(paths, { formats: ['html'], locales: options.locales, protocols: options.protocols });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const had = errors.length > 0;
      errors = [];
      log(`dev: ${reason} — ${result.write.written.length} written, ${result.write.unchanged} unchanged, ${result.write.pruned.length} pruned — ${seconds} s`);
      if (result.write.written.length || result.write.pruned.length || had) send('reload', {});
    } catch (e) {
      errors = e instanceof DataError ? e.diagnostics.filter((d: Diagnostic) => d.severity === 'error').map(formatDiagnostic) : [`${(e as Error).message}`];
      for (const line of errors) log(line);
      log(`dev: ${reason} — ${errors.length} error${errors.length === 1 ? '' : 's'}; the last good pages stay served`);
      send('errors', errors);
    }
  };

  rebuild('first build');

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(e));
    }
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === EVENTS_PATH) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      if (errors.length) res.write(`event: errors\ndata: ${JSON.stringify(errors)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const target = resolve(root, `.${path}`);
    if (path.includes('\0') || (target !== root && !target.startsWith(root + sep))) {
      res.writeHead(403).end();
      return;
    }
    let file = target;
    if (isDir(file)) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/` }).end();
        return;
      }
      file = join(target, 'index.html');
      if (!existsSync(file)) {
        html(res, 200, listing(target, url.pathname));
        return;
      }
    }
    if (!isFile(file)) {
      html(res, 404, `<!doctype html><html><head><meta charset="utf-8"><title>404</title></head><body><p>${escapeHtml(path)}: not built.</p></body></html>`);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) html(res, 200, readFileSync(file, 'utf8'));
    else res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
  const html = (res: ServerResponse, status: number, page: string) => {
    res.writeHead(status, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' }).end(inject(page, errors));
  };

  const port = await new Promise<number>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      ok(typeof address === 'object' && address ? address.port : 0);
    });
  });

  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const watcher: FSWatcher = watch([paths.dataDir, paths.templatesDir], { ignoreInitial: true });
  watcher.on('all', (_event, file) => {
    changed.add(file.slice(paths.root.length + 1));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed.clear();
      rebuild(files.length === 1 ? files[0]! : `${files.length} files changed`);
    }, options.debounceMs ?? 80);
  });
  await new Promise<void>((ok) => watcher.once('ready', () => ok()));

  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? '127.0.0.1')}:${port}`,
    get errors() {
      return errors;
    },
    async close() {
      clearTimeout(timer);
      await watcher.close();
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** The reload script, and the error overlay when the last build failed, before </body>. */
export function inject(page: string, errors: string[]): string {
  const extra = `${errors.length ? overlay(errors) : ''}<script>${CLIENT}</script>\n`;
  const at = page.lastIndexOf('</body>');
  return at < 0 ? page + extra : page.slice(0, at) + extra + page.slice(at);
}

const OVERLAY_STYLE =
  'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#300;color:#fdd;font:13px/1.4 monospace;white-space:pre-wrap;z-index:2147483647';

function overlay(errors: string[]): string {
  const title = `codecompare dev: ${errors.length} error${errors.length === 1 ? '' : 's'}; this page is from the last good build.`;
  return `<div id="${OVERLAY_ID}" role="alert" style="${OVERLAY_STYLE}"><strong>${escapeHtml(title)}</strong>\n${errors.map(escapeHtml).join('\n')}</div>`;
}

/** Runs in the browser: reload after a good build, show or update the overlay after a failed one. */
const CLIENT = `(() => {
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('errors', (e) => {
    const errors = JSON.parse(e.data);
    let box = document.getElementById(${JSON.stringify(OVERLAY_ID)});
    if (!box) {
      box = document.createElement('div');
      box.id = ${JSON.stringify(OVERLAY_ID)};
      box.setAttribute('role', 'alert');
      box.style.cssText = ${JSON.stringify(OVERLAY_STYLE)};
      document.body.append(box);
    }
    const title = document.createElement('strong');
    title.textContent = 'codecompare dev: ' + errors.length + (errors.length === 1 ? ' error' : ' errors') + '; this page is from the last good build.';
    box.replaceChildren(title, '\\n' + errors.join('\\n'));
  });
})();`;

/** A folder without index.html (the site has no home page yet): its entries as links. */
function listing(dir: string, urlPath: string): string {
  const entries = readdirSync(dir).sort().map((n) => (isDir(join(dir, n)) ? `${n}/` : n));
  const items = entries.map((n) => `<li><a href="${escapeHtml(encodeURI(n))}">${escapeHtml(n)}</a></li>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(urlPath)}</title></head><body><h1>${escapeHtml(urlPath)}</h1><ul>\n${items}\n</ul></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
