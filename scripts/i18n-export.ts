/**
 * npm run i18n:export -- --locale de [--all] [--out FILE]
 */
import { DataError } from './lib/diagnostics.ts';
import { COMMON_OPTIONS, parseCli, runCommand, UsageError, writeUserFile } from './lib/cli.ts';
import { exportXliff } from './lib/i18n.ts';
import { checkProject, defaultPaths } from './lib/pipeline.ts';

const USAGE = `Usage: npm run i18n:export -- --locale TAG [--all] [--out FILE]

Writes the strings the locale lacks, and those whose English changed since they
were translated, as an XLIFF 2.0 file for translators (default: i18n/<locale>.xlf).
Each unit has the English source, the current translation if any, and a note
saying whether it is missing or stale. --all exports every string.

Exit codes: 0 ok, 1 data errors, 2 usage, 3 I/O error.
`;

void runCommand('i18n:export', async () => {
  const args = parseCli(process.argv.slice(2), { ...COMMON_OPTIONS, locale: { type: 'string' }, all: { type: 'boolean', default: false }, out: { type: 'string' } }, USAGE);
  if (!args.locale) throw new UsageError('--locale is required');
  const { bag, data } = checkProject(defaultPaths(process.cwd()));
  if (bag.errors.length || !data) throw new DataError(bag.sorted());
  const { xml, units } = await exportXliff(data, args.locale, args.all);
  const out = args.out ?? `i18n/${args.locale}.xlf`;
  writeUserFile(out, xml);
  if (!args.quiet) process.stdout.write(`i18n:export: ${units} strings for ${args.locale} in ${out}\n`);
});
