/**
 * npm run new:code -- <protocol> <code> [--reason "Reason Phrase"]
 */
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, runCommand, UsageError } from './lib/cli.ts';
import { EXIT } from './lib/diagnostics.ts';
import { defaultPaths } from './lib/pipeline.ts';
import { scaffoldCode, writeScaffold } from './lib/scaffold.ts';

const USAGE = `Usage: npm run new:code -- <protocol> <code> [--reason "Reason Phrase"]

Creates the files of a new code: data/protocols/<protocol>/codes/<code>.yaml with every
field (the reason phrase and RFCs from the registry copy, the facts to fill in, and
"draft: true"), and in every locale data/locales/<locale>/protocols/<protocol>/codes/<code>.yaml
with every text left empty (untranslated). No page shows the code until its facts and
English texts are written and "draft: true" is removed. Never overwrites a file.

  --reason TEXT   the reason phrase, when the protocol has no registry copy
  -h, --help      this text

Exit codes: 0 ok, 2 refused (unknown protocol, existing code, code outside every class or
not in the registry copy).
`;

void runCommand('new:code', () => {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { reason: { type: 'string' }, help: COMMON_OPTIONS.help }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const [protocol, code, ...rest] = parsed.positionals;
  if (!protocol || !code || rest.length) throw new UsageError('give a protocol and a code, e.g. npm run new:code -- sip 199');
  const paths = defaultPaths(process.cwd());
  const files = scaffoldCode(paths, protocol, code, { reason: parsed.values.reason });
  writeScaffold(paths.root, files);
  for (const f of files) process.stdout.write(`created ${f.path}\n`);
  process.stdout.write(
    `new:code: ${protocol} ${code} is a draft. Fill in ${files[0]!.path} and the English texts, remove "draft: true", then run npm run generate (npm run coverage lists the texts still missing).\n`,
  );
  return EXIT.ok;
});
