/**
 * Profile mappings (schema.ts `mapping`): turn a record into the fields a tool reads.
 * `$path` takes a value as it is, `"text {{path}}"` interpolates, `$each` builds a map
 * or a list from a list, `{ $literal: … }` is taken as written (text for the tool's own
 * template language); everything else is a literal. An unknown path is an error
 * that names where in the mapping it is, so profile.yaml can be checked before a build.
 */
import type { Mapping } from './schema.ts';

export type MappingPath = (string | number)[];

export class MappingError extends Error {
  constructor(
    readonly path: MappingPath,
    message: string,
  ) {
    super(message);
  }
}

const INTERPOLATION = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const EACH_KEYS = new Set(['$each', '$key', '$value']);

export function resolveMapping(mapping: Mapping, context: unknown, at: MappingPath = []): unknown {
  if (typeof mapping === 'string') return resolveString(mapping, context, at);
  if (Array.isArray(mapping)) return mapping.map((m, i) => resolveMapping(m, context, [...at, i]));
  if (mapping === null || typeof mapping !== 'object') return mapping;
  if ('$each' in mapping) return resolveEach(mapping, context, at);
  if ('$literal' in mapping) {
    if (Object.keys(mapping).length > 1) throw new MappingError(at, '$literal stands alone');
    return mapping.$literal;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mapping)) {
    if (key.startsWith('$')) throw new MappingError([...at, key], `"${key}" is not a mapping keyword; use $each, $key and $value together`);
    out[key] = resolveMapping(value, context, [...at, key]);
  }
  return out;
}

/** Fills the `{{path}}` placeholders of a string (paths and interpolated strings); values must be text or numbers. */
export function interpolate(text: string, context: unknown, at: MappingPath = []): string {
  return text.replace(INTERPOLATION, (_m, path: string) => {
    const value = lookup(context, path, at);
    if (typeof value !== 'string' && typeof value !== 'number') throw new MappingError(at, `{{${path}}} is not text or a number`);
    return String(value);
  });
}

function resolveString(text: string, context: unknown, at: MappingPath): unknown {
  if (text.startsWith('$$')) return text.slice(1);
  if (text.startsWith('$')) return lookup(context, text.slice(1), at);
  return interpolate(text, context, at);
}

function resolveEach(mapping: { [key: string]: Mapping }, context: unknown, at: MappingPath): unknown {
  for (const key of Object.keys(mapping)) if (!EACH_KEYS.has(key)) throw new MappingError([...at, key], `"${key}" cannot stand beside $each (only $key and $value)`);
  const list = resolveMapping(mapping.$each!, context, [...at, '$each']);
  if (!Array.isArray(list)) throw new MappingError([...at, '$each'], '$each must name a list');
  if (mapping.$value === undefined) throw new MappingError(at, '$each needs a $value');
  const keyPath = mapping.$key;
  if (keyPath !== undefined && typeof keyPath !== 'string') throw new MappingError([...at, '$key'], '$key must name a field of the items');
  // Items are seen with the outer record's fields under them: `$id` is the item's, `$site.name` the site's.
  const scope = (item: unknown) => (item && typeof item === 'object' ? { ...(context as object), ...item } : item);
  const values = list.map((item) => resolveMapping(mapping.$value!, scope(item), [...at, '$value']));
  if (keyPath === undefined) return values;
  const out: Record<string, unknown> = {};
  list.forEach((item, i) => {
    const key = lookup(item, keyPath.replace(/^\$/, ''), [...at, '$key']);
    if (typeof key !== 'string' && typeof key !== 'number') throw new MappingError([...at, '$key'], '$key must name a text or number field');
    out[String(key)] = values[i];
  });
  return out;
}

/** `a.b`, `list[].field` (maps over the list), `list.0`. */
function lookup(context: unknown, path: string, at: MappingPath): unknown {
  const walk = (value: unknown, segments: string[], done: string[]): unknown => {
    if (!segments.length) return value;
    const [head, ...rest] = segments as [string, ...string[]];
    const many = head.endsWith('[]');
    const name = many ? head.slice(0, -2) : head;
    const here = [...done, head];
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) {
      throw new MappingError(at, `unknown field "${here.join('.')}"`);
    }
    const next = (value as Record<string, unknown>)[name];
    if (!many) return walk(next, rest, here);
    if (!Array.isArray(next)) throw new MappingError(at, `"${name}" is not a list; drop the []`);
    return next.map((item) => walk(item, rest, here));
  };
  if (!path) throw new MappingError(at, 'an empty $ reference; write $$ for a literal "$"');
  return walk(context, path.split('.'), []);
}
