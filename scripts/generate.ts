/**
 * npm run generate -- [--profile NAME] [--locale fr] [--protocol sip] [--format md,html,json] [--out DIR] [--workers N] [--shard I/N] [--strict] [--quiet]
 */
import { performance } from 'node:perf_hooks';
import { formatCoverageTable } from './lib/coverage.ts';
import { checkOutDir, COMMON_OPTIONS, listOption, parseCli, parseFormats, parseWorkers, printDiagnostics, progress, rel, runCommand } from './lib/cli.ts';
import { build, defaultPaths } from './lib/pipeline.ts';
import { GENERIC_PROFILE } from './lib/profiles.ts';
import { parseShard } from './lib/shard.ts';

const USAGE = `Usage: npm run generate -- [options]

Builds every comparison article from data/ and templates/ into out/.

  --locale LIST     only these locales (comma-separated), e.g. --locale fr,en
  --protocol LIST   only these protocols, e.g. --protocol sip
  --profile NAME    generic (default: out/md, out/html, out/json) or an export
                    profile for a tool: hugo, eleventy, astro, docusaurus, json
                    (profiles/<name>/; written to out/<name>/)
  --format LIST     md, html, json (default: the formats in data/site.yaml; generic only)
  --out DIR         output folder (default: out, or out/<profile>)
  --redirect-stubs  also write HTML pages at the reverse-order URLs that send readers
                    to the canonical page (for static hosts without redirects)
  --workers N       threads that render, this one included (default: one per CPU,
                    at most 4; 1 renders in-process; builds with fewer than 3,000 files
                    to render stay in-process)
  --shard I/N       build only the I-th of N deterministic parts of the files, with
                    their own manifest (combine the parts with npm run merge)
  --strict          missing translations are errors, not warnings
  --quiet           print errors only
  -h, --help        this text

Exit codes: 0 ok, 1 data or template errors (nothing written), 2 usage, 3 I/O error.
`;

void runCommand('generate', () => {
  const args = parseCli(
    process.argv.slice(2),
    {
      ...COMMON_OPTIONS,
      locale: { type: 'string', multiple: true },
      protocol: { type: 'string', multiple: true },
      format: { type: 'string', multiple: true },
      out: { type: 'string' },
      profile: { type: 'string' },
      'redirect-stubs': { type: 'boolean', default: false },
      workers: { type: 'string' },
      shard: { type: 'string' },
    },
    USAGE,
  );
  const profile = args.profile && args.profile !== GENERIC_PROFILE ? args.profile : undefined;
  const paths = defaultPaths(process.cwd(), args.out ?? (profile ? `out/${profile}` : undefined));
  checkOutDir(paths.root, paths.outDir);
  const started = performance.now();
  const bar = progress(!args.quiet);
  const result = build(paths, {
    strict: args.strict,
    locales: listOption(args.locale),
    protocols: listOption(args.protocol),
    formats: parseFormats(args.format),
    profile,
    redirectStubs: args['redirect-stubs'],
    workers: args.workers === undefined ? undefined : parseWorkers(args.workers),
    shard: args.shard === undefined ? undefined : parseShard(args.shard),
    onProgress: (done, total) => bar.update('Building files', done, total),
  });
  bar.clear();
  if (!args.quiet) {
    printDiagnostics(result.warnings);
    if (result.coverage.some((c) => c.missing.length || c.stale.length)) process.stderr.write(`${formatCoverageTable(result.coverage)}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const { written, unchanged, pruned } = result.write;
    process.stdout.write(
      `generate: ${result.pages} pages, ${result.files} files in ${rel(paths.root, paths.outDir)}/ — ${written.length} written, ${unchanged} unchanged, ${pruned.length} pruned${result.upToDate ? ' (no input changed since the last build)' : ''} — ${seconds} s\n`,
    );
  }
});
