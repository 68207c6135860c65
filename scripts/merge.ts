/**
 * npm run merge -- --out DIR SHARD_DIR…
 *
 * Combines the output folders of `npm run generate -- --shard i/n --out SHARD_DIR` into
 * one output folder, byte for byte what an unsharded build writes.
 */
import { checkOutDir, parseCliPositionals, rel, runCommand, UsageError } from './lib/cli.ts';
import { EXIT } from './lib/diagnostics.ts';
import { MergeError, mergeShards } from './lib/merge.ts';
import { defaultPaths } from './lib/pipeline.ts';

const USAGE = `Usage: npm run merge -- --out DIR SHARD_DIR…

Combines the output folders of "npm run generate -- --shard i/n --out SHARD_DIR"
(all n of them) into DIR, checking that no file is missing or in two shards.

  --out DIR     output folder (default: out)
  --quiet       print errors only
  -h, --help    this text

Exit codes: 0 ok, 1 the shards do not make up one build (nothing written), 2 usage, 3 I/O error.
`;

void runCommand('merge', () => {
  const { values, positionals } = parseCliPositionals(process.argv.slice(2), { out: { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, USAGE);
  if (!positionals.length) throw new UsageError('name the shard folders to merge');
  const paths = defaultPaths(process.cwd(), values.out);
  checkOutDir(paths.root, paths.outDir);
  try {
    const r = mergeShards(paths.outDir, positionals);
    if (!values.quiet) {
      process.stdout.write(`merge: ${positionals.length} shards, ${r.files} files in ${rel(paths.root, paths.outDir)}/ — ${r.written.length} written, ${r.unchanged} unchanged, ${r.pruned.length} pruned\n`);
    }
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    for (const p of e.problems) process.stderr.write(`merge: ${p}\n`);
    process.stderr.write('merge: nothing was written\n');
    return EXIT.dataError;
  }
});
