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
      return toYaml(data, { lineWidth: 0 });
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
