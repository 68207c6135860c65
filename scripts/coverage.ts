/**
 * npm run coverage -- [--locale fr] [--strict]: translation coverage per locale,
 * with the missing strings and the file each belongs in.
 */
import { fileForKey, formatCoverageTable } from './lib/coverage.ts';
import { DataError, EXIT } from './lib/diagnostics.ts';
import { COMMON_OPTIONS, listOption, parseCli, runCommand } from './lib/cli.ts';
import { checkProject, defaultPaths } from './lib/pipeline.ts';

const USAGE = `Usage: npm run coverage -- [--locale LIST] [--strict] [--quiet]

Prints a table of translated strings per locale, then every missing or stale
string (tab-separated: locale, state, key, file), then the hand-written overrides
(data/overrides/) that another locale has and this one lacks (state "override"). A translation is stale when its
English text changed after it was translated; unverified when translated-from.yaml
has no record for it (npm run i18n:accept records the current English).
With --strict, exits 1 when any string is missing or stale.

Exit codes: 0 ok, 1 data errors (or missing strings with --strict), 2 usage.
`;

void runCommand('coverage', () => {
  const args = parseCli(process.argv.slice(2), { ...COMMON_OPTIONS, locale: { type: 'string', multiple: true } }, USAGE);
  const { bag, coverage } = checkProject(defaultPaths(process.cwd()), { strict: false });
  if (bag.errors.length) throw new DataError(bag.sorted());
  const only = listOption(args.locale);
  const rows = coverage.filter((c) => !only || only.includes(c.locale));
  process.stdout.write(`${formatCoverageTable(rows)}\n`);
  if (!args.quiet) {
    for (const c of rows) {
      for (const [state, keys] of [['missing', c.missing], ['stale', c.stale]] as const) {
        for (const key of keys) process.stdout.write(`${c.locale}\t${state}\t${key}\t${fileForKey(c.locale, key)}\n`);
      }
      for (const file of c.overridesMissing) process.stdout.write(`${c.locale}\toverride\t${file.replace(/^data\/overrides\/|\.[^.]+\.md$/g, '')}\t${file}\n`);
    }
  }
  return args.strict && rows.some((c) => c.missing.length || c.stale.length) ? EXIT.dataError : EXIT.ok;
});
