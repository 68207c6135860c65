// Helper for content authors: parse the given YAML files and check them against the schema.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { codeSchema, codeTextsSchema, protocolTextsSchema, messageTree } from '../scripts/lib/schema.ts';
let bad = 0;
for (const f of process.argv.slice(2)) {
  const schema = f.includes('/locales/')
    ? f.includes('/codes/') ? codeTextsSchema : f.endsWith('ui.yaml') ? messageTree : protocolTextsSchema
    : codeSchema;
  try {
    const r = schema.safeParse(parse(readFileSync(f, 'utf8'), { uniqueKeys: true }));
    if (!r.success) { bad++; console.log(f, JSON.stringify(r.error.issues)); }
    else console.log('ok', f);
  } catch (e) { bad++; console.log(f, String(e)); }
}
process.exit(bad ? 1 : 0);
