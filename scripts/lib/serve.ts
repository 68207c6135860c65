/**
 * A static file server for out/html on localhost (sirv): `npm run preview` and the
 * browser tests. Directory URLs serve their index.html, as static hosts do.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (port 0: any free port). */
export function serveStatic(dir: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const handler = sirv(dir, { dev: true, etag: true, extensions: ['html'] });
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({ url: `http://${host}:${actual}`, server, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
