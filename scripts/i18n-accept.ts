/**
 * npm run i18n:accept -- --locale fr [--key KEY ...]
 */
import { DataError } from './lib/diagnostics.ts';
import { COMMON_OPTIONS, listOption, parseCli, runCommand, UsageError } from './lib/cli.ts';
import { recordSources } from './lib/i18n.ts';
import { checkProject, defaultPaths } from './lib/pipeline.ts';

const USAGE = `Usage: npm run i18n:accept -- --locale TAG [--key KEY ...]

Records that the locale's translations (all of them, or the given keys) match the
current English text, in data/locales/<locale>/translated-from.yaml. Run it after
reviewing translations written by hand; npm run i18n:import does it by itself.

Exit codes: 0 ok, 1 data errors, 2 usage, 3 I/O error.
`;

void runCommand('i18n:accept', () => {
  const args = parseCli(process.argv.slice(2), { ...COMMON_OPTIONS, locale: { type: 'string' }, key: { type: 'string', multiple: true } }, USAGE);
  if (!args.locale) throw new UsageError('--locale is required');
  const paths = defaultPaths(process.cwd());
  const { bag, data } = checkProject(paths);
  if (bag.errors.length || !data) throw new DataError(bag.sorted());
  const locale = data.locales.find((l) => l.id === args.locale && l.id !== data.source.id);
  if (!locale) throw new UsageError(`"${args.locale}" is not a translated locale of this site`);
  const keys = listOption(args.key);
  const unknown = keys?.filter((k) => !data.source.strings.has(k)) ?? [];
  if (unknown.length) throw new UsageError(`no English string has the key ${unknown.map((k) => `"${k}"`).join(', ')}`);
  const n = recordSources(paths.root, data, locale, keys);
  if (!args.quiet) process.stdout.write(`i18n:accept: recorded the English of ${n} ${args.locale} strings\n`);
});
