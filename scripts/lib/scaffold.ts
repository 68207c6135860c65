/**
 * `npm run new:code -- <protocol> <code>`: the files of a new code, ready to fill in.
 *   - data/protocols/<p>/codes/<code>.yaml with every field of the code schema, each with a
 *     comment saying what it means (the schema's own descriptions), the reason phrase and
 *     the defining RFCs from the registry copy, the facts the class does not give as
 *     commented-out lines listing their allowed values, and `draft: true`;
 *   - data/locales/<l>/protocols/<p>/codes/<code>.yaml in every locale of the site, every
 *     text left empty (untranslated): `npm run coverage` lists them, and no page shows the
 *     code until the facts and texts are written and `draft: true` is removed.
 * Refuses when the protocol is unknown, the code exists, lies outside every class, or is
 * not in the protocol's registry copy.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { DiagnosticBag, UsageError } from './diagnostics.ts';
import { loadData } from './load.ts';
import type { ProjectPaths } from './pipeline.ts';
import { codeSchema, codeTextsSchema, registrySchema, type Dimension, type Reference, type Registry } from './schema.ts';
import { checkShape } from './shape.ts';
import type { Messages } from './strings.ts';
import { validateData, type DataSet, type ProtocolData } from './validate.ts';

export interface ScaffoldFile {
  /** Relative to the project root, forward slashes. */
  path: string;
  content: string;
}

/** The files for a new code; throws UsageError (exit 2) when it must refuse. */
export function scaffoldCode(paths: ProjectPaths, protocolId: string, codeArg: string, options: { reason?: string } = {}): ScaffoldFile[] {
  const bag = new DiagnosticBag();
  const loaded = loadData(paths.root, paths.dataDir, bag);
  const data = validateData(loaded, bag);
  if (!data) throw new UsageError('the data has errors that stop it from being read; run npm run validate and fix them first');
  const protocol = data.protocols.find((p) => p.id === protocolId);
  if (!protocol) throw new UsageError(`unknown protocol "${protocolId}"; data/protocols/ has ${data.protocols.map((p) => p.id).join(', ') || 'none'}`);
  if (!/^\d+$/.test(codeArg)) throw new UsageError(`"${codeArg}" is not a code number`);
  const code = Number(codeArg);
  const codeFile = `data/protocols/${protocol.id}/codes/${code}.yaml`;
  if (protocol.byCode.has(code) || protocol.broken.has(code) || existsSync(join(paths.root, codeFile))) {
    throw new UsageError(`${protocol.protocol.name} ${code} already exists: ${codeFile}`);
  }
  const cls = protocol.protocol.classes.find((c) => code >= c.range[0] && code <= c.range[1]);
  if (!cls) throw new UsageError(`${code} is outside every class of ${protocol.protocol.name} (${protocol.protocol.codeRange.join('–')})`);

  const registryFile = loaded.protocols.find((p) => p.id === protocol.id)?.registry;
  const registry = registryFile && checkShape(registryFile, registrySchema, bag);
  const entry = registry?.codes.find((c) => c.code === code);
  if (registry && !entry) {
    throw new UsageError(`${protocol.protocol.name} ${code} is not in the registry copy ${registryFile!.file}; unregistered codes are never published (update the copy from ${registry.source} first)`);
  }
  if (entry && options.reason && options.reason !== entry.reason) {
    throw new UsageError(`the registry spells the reason phrase of ${code} "${entry.reason}", not "${options.reason}"`);
  }
  const reason = entry?.reason ?? options.reason;
  if (!reason) throw new UsageError(`${protocol.protocol.name} has no registry copy to take the reason phrase from; give it with --reason "Reason Phrase"`);

  const files: ScaffoldFile[] = [{ path: codeFile, content: codeYaml(data, protocol, code, reason, entry, registryFile?.file) }];
  for (const l of data.site.locales) {
    const path = `data/locales/${l}/protocols/${protocol.id}/codes/${code}.yaml`;
    if (existsSync(join(paths.root, path))) throw new UsageError(`${path} already exists; move it away or delete it first`);
    files.push({ path, content: textsYaml(data, protocol, code, reason, l) });
  }
  return files;
}

/** Writes the files, never over an existing one. */
export function writeScaffold(root: string, files: ScaffoldFile[]): void {
  for (const f of files) {
    const target = join(root, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content, { flag: 'wx' });
  }
}

/** The schema's description of a field, as comment lines. */
function describe(schema: { shape: Record<string, { description?: string }> }, field: string, extra = ''): string {
  return comment(`${schema.shape[field]?.description ?? field}${extra}`);
}

function comment(text: string, indent = ''): string {
  return wrap(text, 96 - indent.length).map((l) => `${indent}# ${l}`).join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function codeYaml(data: DataSet, protocol: ProtocolData, code: number, reason: string, entry: Registry['codes'][number] | undefined, registryFile?: string): string {
  const p = protocol.protocol;
  const cls = p.classes.find((c) => code >= c.range[0] && code <= c.range[1])!;
  const m = data.source.messages;
  const rfcs = entry?.rfcs.length ? entry.rfcs : p.specs.flatMap((s) => ('rfc' in s ? [s.rfc] : [])).slice(0, 1);
  const definedIn: Reference[] = rfcs.map((rfc) => ({ rfc }));
  const fromClass = Object.entries(cls.facts).map(([id, f]) => `${id} (${Array.isArray(f.value) ? f.value.join(', ') : f.value})`);
  const open = p.dimensions.filter((d) => !cls.facts[d.id]);
  const inline = (v: unknown) => stringify(v, { flow: true } as never).trim();
  const ref = inline({ rfc: rfcs[0] ?? 0, section: 'FILL-IN' });
  const out = [
    comment(`${p.name} ${code} ${reason}: created by "npm run new:code -- ${protocol.id} ${code}".`),
    comment(
      `While "draft: true" stays, the code is checked but no page shows it. Fill in the facts below and the English texts in data/locales/${data.source.id}/protocols/${protocol.id}/codes/${code}.yaml, then delete the "draft" line and run npm run generate.`,
    ),
    '',
    describe(codeSchema, 'code'),
    `code: ${code}`,
    describe(codeSchema, 'reason', registryFile ? ` Copied from ${registryFile}.` : ''),
    `reason: ${inline(reason)}`,
    describe(codeSchema, 'definedIn', entry ? ` The registry names ${entry.rfcs.map((r) => `RFC ${r}`).join(', ') || 'no RFC'}; add the section.` : ' Check the RFC and add the section.'),
    'definedIn:',
    ...definedIn.map((r) => `  - ${inline(r)}`),
    describe(codeSchema, 'facts'),
    comment(fromClass.length ? `Class ${cls.id} already gives: ${fromClass.join('; ')}.` : `Class ${cls.id} gives no facts.`),
    comment('Uncomment each fact that applies and replace FILL-IN; the required ones must be there before "draft" is removed.'),
    'facts:',
    ...open.flatMap((d) => factLines(d, m, protocol.id, ref)),
    describe(codeSchema, 'related'),
    'related: []',
    describe(codeSchema, 'deprecated', entry ? ' Copied from the registry.' : ''),
    `deprecated: ${entry?.deprecated ?? false}`,
    describe(codeSchema, 'replacedBy'),
    'replacedBy: []',
    describe(codeSchema, 'equivalents'),
    'equivalents: []',
    describe(codeSchema, 'draft'),
    'draft: true',
    '',
  ];
  return out.join('\n');
}

/** A dimension the class does not give: what it means, its allowed values, and a commented-out line to fill in. */
function factLines(d: Dimension, m: Messages, protocol: string, ref: string): string[] {
  const k = `protocols.${protocol}.dimensions.${d.id}`;
  const topic = m.has(`${k}.topic`) ? m.format(`${k}.topic`) : d.id;
  const kind = d.kind === 'enum' ? 'one value' : d.kind === 'set' ? 'a list of values' : 'a list of header field names as the registry spells them';
  const lines = [comment(`${d.id}: ${topic} (${d.required ? 'required' : 'optional'}; ${kind}).`, '  ')];
  if (d.kind !== 'tokens') {
    for (const v of d.values ?? []) {
      const label = m.has(`${k}.values.${v}.label`) ? ` (${m.format(`${k}.values.${v}.label`)})` : '';
      lines.push(`  #   ${v}${label}`);
    }
  }
  const value = d.kind === 'enum' ? 'FILL-IN' : '[FILL-IN]';
  lines.push(`  # ${d.id}: { value: ${value}, ref: ${ref} }`);
  return lines;
}

function textsYaml(data: DataSet, protocol: ProtocolData, code: number, reason: string, locale: string): string {
  const source = locale === data.source.id;
  const head = source
    ? `${protocol.protocol.name} ${code} ${reason}: English texts. UNTRANSLATED: an empty value is a text not written yet; npm run coverage lists it, and no page shows the code in any language until every text here is written.`
    : `${protocol.protocol.name} ${code} ${reason}: texts in "${locale}". UNTRANSLATED: translate each from data/locales/${data.source.id}/protocols/${protocol.id}/codes/${code}.yaml; an empty value counts as missing (npm run coverage lists it), and pages that show ${code} are not built in this locale until every text is written.`;
  const lines = [comment(head), ''];
  // Equivalent notes exist once the data declares equivalents (none yet).
  for (const field of Object.keys(codeTextsSchema.shape).filter((f) => f !== 'equivalents')) {
    lines.push(describe(codeTextsSchema, field));
    // The English name is the registered reason phrase: the one text known already.
    lines.push(source && field === 'name' ? `${field}: ${stringify(reason).trim()}` : `${field}:`);
  }
  return `${lines.join('\n')}\n`;
}
