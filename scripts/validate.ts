/**
 * npm run validate -- [--strict] [--quiet]: checks data and templates, writes nothing.
 */
import { DataError } from './lib/diagnostics.ts';
import { COMMON_OPTIONS, parseCli, printDiagnostics, runCommand } from './lib/cli.ts';
import { checkProject, defaultPaths, profilesDirOf } from './lib/pipeline.ts';
import { listProfiles } from './lib/profiles.ts';

const USAGE = `Usage: npm run validate -- [--strict] [--quiet]

Checks every data file, string table, template and export profile and prints each problem as
file:line:col CODE message. Writes nothing.

Exit codes: 0 valid, 1 errors found, 2 usage.
`;

void runCommand('validate', () => {
  const args = parseCli(process.argv.slice(2), COMMON_OPTIONS, USAGE);
  const paths = defaultPaths(process.cwd());
  const { bag, data, index } = checkProject(paths, { strict: args.strict, profiles: listProfiles(profilesDirOf(paths)) });
  if (bag.errors.length) throw new DataError(bag.sorted());
  if (!args.quiet) {
    printDiagnostics(bag.warnings);
    const codes = data!.protocols.reduce((n, p) => n + p.codes.length, 0);
    process.stdout.write(`validate: ok — ${data!.protocols.length} protocol(s), ${codes} codes, ${data!.locales.length} locales, ${index!.pages.length} pages\n`);
  }
});
