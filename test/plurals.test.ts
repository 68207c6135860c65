/**
 * Every plural message of every locale, rendered for the counts 0, 1, 2, 3, 5, 11, 21 and
 * 101 (the numbers where languages' plural rules differ: Russian 21 "one", 11 "many";
 * Arabic 0 "zero", 2 "two", 3–10 "few", 11–99 "many", 101 "other"), compared with the
 * golden files in test/golden/plurals/. Other arguments print as ‹name›.
 * After an intended change, review the diff and update with `npx vitest run -u`.
 */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../scripts/lib/pipeline.ts';
import { REPO, tempProject } from './project.ts';

const COUNTS = [0, 1, 2, 3, 5, 11, 21, 101];

const project = tempProject({ dataFrom: REPO });
const { data } = checkProject(project);
project.cleanup();

/** The plural arguments of a message, and its other arguments. */
function argumentsOf(ast: MessageFormatElement[]): { plurals: Set<string>; others: Set<string> } {
  const plurals = new Set<string>();
  const others = new Set<string>();
  const visit = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.plural) plurals.add(el.value);
      else if (el.type === TYPE.argument || el.type === TYPE.select || el.type === TYPE.number) others.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) visit(o.value);
    }
  };
  visit(ast);
  for (const p of plurals) others.delete(p);
  return { plurals, others };
}

describe('plural messages', () => {
  it.each(data!.locales.map((l) => [l.id, l] as const))('%s', async (id, locale) => {
    const lines: string[] = [];
    for (const [key, entry] of [...locale.strings].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!entry.ast) continue;
      const { plurals, others } = argumentsOf(entry.ast);
      if (!plurals.size) continue;
      for (const n of COUNTS) {
        const args: Record<string, string | number> = {};
        for (const o of others) args[o] = `‹${o}›`;
        for (const p of plurals) args[p] = n;
        lines.push(`${key} [${n}]: ${locale.messages.format(key, args)}`);
      }
    }
    expect(lines.length, `${id} has plural messages`).toBeGreaterThan(0);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(`golden/plurals/${id}.txt`);
  });
});
