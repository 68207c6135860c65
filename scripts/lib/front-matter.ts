/**
 * Serialization of the files profiles write, always through a library: YAML (`yaml`),
 * TOML (`smol-toml`) or JSON. Nothing here concatenates values into syntax.
 */
import { stringify as toToml } from 'smol-toml';
import { stringify as toYaml } from 'yaml';

export type DataFormat = 'yaml' | 'toml' | 'json';

export function serializeData(format: DataFormat, data: unknown): string {
  switch (format) {
    case 'yaml':
      return yamlMapping(data);
    case 'toml':
      return `${toToml(data as Record<string, unknown>)}\n`;
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
  }
}

/** Front matter and body: `---` fences YAML, `+++` fences TOML (as Hugo and gray-matter expect). */
export function withFrontMatter(format: 'yaml' | 'toml', data: Record<string, unknown>, body: string): string {
  const fence = format === 'yaml' ? '---' : '+++';
  const text = serializeData(format, data);
  return `${fence}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}\n\n${body}`;
}

const YAML_OPTIONS = { lineWidth: 0 };

/**
 * A top-level mapping as YAML, written by the `yaml` library in parts: a block mapping is its
 * pairs one after the other, so this is byte for byte what the library writes for the whole
 * mapping. The library takes far longer to write a collection than JSON to name it, and
 * collections repeat across pages (the alternates of a pair in every locale, its codes): a
 * pair whose value is a collection is written once and reused. Runs of scalar pairs (titles,
 * URLs), mostly unique to a page, are written together in one call.
 */
export function yamlMapping(data: unknown): string {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return toYaml(data, YAML_OPTIONS);
  let out = '';
  let run: Record<string, unknown> | undefined;
  const flush = () => {
    if (run) out += toYaml(run, YAML_OPTIONS);
    run = undefined;
  };
  for (const [key, value] of Object.entries(data)) {
    // The library leaves out a pair whose value is undefined.
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object') {
      (run ??= {})[key] = value;
      continue;
    }
    flush();
    const id = `${key}\u0000${JSON.stringify(value)}`;
    let text = pairs.get(id) ?? previousPairs.get(id);
    if (text === undefined) text = toYaml({ [key]: value }, YAML_OPTIONS);
    remember(id, text);
    out += text;
  }
  flush();
  return out || toYaml(data, YAML_OPTIONS);
}

/** Written pairs, in two generations so that pairs still in use survive the turnover (memory stays bounded). */
let pairs = new Map<string, string>();
let previousPairs = new Map<string, string>();
const PAIRS_LIMIT = 20_000;

function remember(id: string, text: string): void {
  if (pairs.has(id)) return;
  if (pairs.size >= PAIRS_LIMIT) {
    previousPairs = pairs;
    pairs = new Map();
  }
  pairs.set(id, text);
}
