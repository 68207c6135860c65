/**
 * npm run preview -- [--port 4173] [--out DIR]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli, runCommand, UsageError } from './lib/cli.ts';
import { defaultPaths } from './lib/pipeline.ts';
import { serveStatic } from './lib/serve.ts';

const USAGE = `Usage: npm run preview -- [options]

Serves the generated HTML site (out/html) on http://127.0.0.1:PORT/ for a person to look at.
Run npm run generate first. Stop with Ctrl+C.

  --port N     port to listen on (default: 4173)
  --out DIR    output folder that holds html/ (default: out)
  -h, --help   this text

Exit codes: 0 stopped, 2 usage (no site built, port not a number), 3 the port is in use.
`;

void runCommand('preview', async () => {
  const args = parseCli(process.argv.slice(2), { port: { type: 'string', default: '4173' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, USAGE);
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${args.port} is not a port number`);
  const dir = join(defaultPaths(process.cwd(), args.out).outDir, 'html');
  if (!existsSync(join(dir, 'index.html'))) throw new UsageError(`${dir} has no site yet; run npm run generate first`);
  const { url } = await serveStatic(dir, port, '127.0.0.1');
  process.stdout.write(`preview: serving ${dir} at ${url}/ (Ctrl+C to stop)\n`);
  await new Promise(() => undefined);
});
