/**
 * npm run i18n:import -- --locale de [--in FILE]
 */
import { readFileSync } from 'node:fs';
import { DataError } from './lib/diagnostics.ts';
import { COMMON_OPTIONS, parseCli, runCommand, UsageError } from './lib/cli.ts';
import { importXliff } from './lib/i18n.ts';
import { checkProject, defaultPaths } from './lib/pipeline.ts';

const USAGE = `Usage: npm run i18n:import -- --locale TAG [--in FILE]

Reads a translated XLIFF 2.0 file (default: i18n/<locale>.xlf), checks every
target (known key, ICU syntax, the English placeholders, the locale's typography)
and, only if all are valid, writes them into data/locales/<locale>/ and records
their English in translated-from.yaml. Units with an empty target are skipped.

Exit codes: 0 ok, 1 invalid translations (nothing written), 2 usage, 3 I/O error.
`;

void runCommand('i18n:import', async () => {
  const args = parseCli(process.argv.slice(2), { ...COMMON_OPTIONS, locale: { type: 'string' }, in: { type: 'string' } }, USAGE);
  if (!args.locale) throw new UsageError('--locale is required');
  const paths = defaultPaths(process.cwd());
  const { bag, data } = checkProject(paths);
  if (bag.errors.length || !data) throw new DataError(bag.sorted());
  const file = args.in ?? `i18n/${args.locale}.xlf`;
  const { imported, files } = await importXliff(paths.root, data, args.locale, readFileSync(file, 'utf8'), file);
  if (!args.quiet) process.stdout.write(`i18n:import: ${imported} strings into ${files.length} file(s) of ${args.locale}\n`);
});
