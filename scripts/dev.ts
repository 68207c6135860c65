/**
 * npm run dev -- [--port 4000] [--host 127.0.0.1] [--locale en,fr] [--protocol sip] [--out DIR]
 */
import { checkOutDir, COMMON_OPTIONS, listOption, parseCli, runCommand, UsageError } from './lib/cli.ts';
import { startDevServer } from './lib/dev-server.ts';
import { defaultPaths } from './lib/pipeline.ts';

const USAGE = `Usage: npm run dev -- [options]

Builds the HTML pages into out/html (incrementally), serves them on localhost, watches
data/ and templates/, rebuilds the affected pages on every save and reloads the page in
the browser. A data error is printed here and shown over the page; the last good pages
stay served. Stop with Ctrl+C.

  --port N          port (default 4000; 0 picks a free one)
  --host HOST       address to listen on (default 127.0.0.1)
  --locale LIST     only these locales, e.g. --locale en,fr (faster first build)
  --protocol LIST   only these protocols
  --out DIR         output folder (default: out)
  -h, --help        this text
`;

void runCommand('dev', async () => {
  const args = parseCli(
    process.argv.slice(2),
    { help: COMMON_OPTIONS.help, port: { type: 'string' }, host: { type: 'string' }, locale: { type: 'string', multiple: true }, protocol: { type: 'string', multiple: true }, out: { type: 'string' } },
    USAGE,
  );
  const port = args.port === undefined ? 4000 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${args.port} is not a port number`);
  const paths = defaultPaths(process.cwd(), args.out);
  checkOutDir(paths.root, paths.outDir);
  const server = await startDevServer({ paths, port, host: args.host, locales: listOption(args.locale), protocols: listOption(args.protocol) });
  process.stdout.write(`dev: serving ${paths.outDir}/html at ${server.url}/ — watching data/ and templates/ (Ctrl+C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
});
