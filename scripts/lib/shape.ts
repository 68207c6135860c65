/**
 * Checks a parsed YAML file against its zod schema and turns every issue into a
 * positioned diagnostic.
 */
import type { z } from 'zod';
import type { DiagnosticBag } from './diagnostics.ts';
import type { YamlFile } from './yaml-file.ts';

export function checkShape<S extends z.ZodType>(yf: YamlFile, schema: S, bag: DiagnosticBag): z.infer<S> | undefined {
  if (yf.value === undefined) return undefined; // YAML errors already reported
  const result = schema.safeParse(yf.value ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.length ? `"${path.join('.')}"` : 'the file';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        bag.error(yf.file, yf.keyPos([...path, key]), 'SCHEMA_UNKNOWN_FIELD', `unknown field "${[...path, key].join('.')}"`);
      }
    } else if (issue.code === 'invalid_type' && valueAt(yf.value, path) === undefined) {
      bag.error(yf.file, yf.pos(path), 'SCHEMA_MISSING_FIELD', `missing field ${where} (expected ${issue.expected})`);
    } else {
      bag.error(yf.file, yf.pos(path), 'SCHEMA_INVALID', `${where}: ${issue.message}`);
    }
  }
  return undefined;
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}
