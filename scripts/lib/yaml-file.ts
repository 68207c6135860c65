/**
 * Parses one YAML file and keeps the source positions of its nodes, so that every
 * later check can report `file:line:col`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { START, type DiagnosticBag, type Position } from './diagnostics.ts';

export type YamlPath = readonly (string | number)[];

export interface YamlFile {
  /** Project-relative path with forward slashes. */
  file: string;
  /** The parsed value, or undefined when the file did not parse. */
  value: unknown;
  /** Position of the node at `path`, or of its nearest existing ancestor. */
  pos(path: YamlPath): Position;
  /** Position of the key of the map entry at `path` (for unknown keys). */
  keyPos(path: YamlPath): Position;
}

export function parseYamlFile(file: string, text: string, bag: DiagnosticBag): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  let ok = true;
  for (const e of doc.errors) {
    ok = false;
    const code = e.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX';
    bag.error(file, at(e.pos[0]), code, firstLine(e.message));
  }
  for (const w of doc.warnings) {
    // Custom tags (!!js/function, !custom) could mean code or types we do not want: refuse them.
    ok = false;
    bag.error(file, at(w.pos[0]), w.code === 'TAG_RESOLVE_FAILED' ? 'YAML_TAG' : 'YAML_SYNTAX', firstLine(w.message));
  }
  let value: unknown;
  if (ok) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      bag.error(file, START, 'YAML_ALIASES', `too many alias expansions (more than ${MAX_ALIASES}); is this an alias bomb? (${(e as Error).message})`);
    }
  }
  if (ok && value !== undefined) {
    if (value === null) bag.error(file, START, 'FILE_EMPTY', 'the file is empty');
    else ok = checkKeys(file, doc.contents, at, bag);
    if (!ok || value === null) value = undefined;
  }
  return {
    file,
    value,
    pos: (path) => at(nodeAt(doc, path)?.range?.[0]),
    keyPos: (path) => at(keyNodeAt(doc, path)?.range?.[0] ?? nodeAt(doc, path)?.range?.[0]),
  };
}

/** Alias expansions allowed per document: enough for any real data file, far below a "billion laughs". */
export const MAX_ALIASES = 100;

/** Keys that could reach an object's prototype once the data is copied around. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkKeys(file: string, node: unknown, at: (offset: number | undefined) => Position, bag: DiagnosticBag): boolean {
  let ok = true;
  const visit = (n: unknown): void => {
    if (isMap(n)) {
      for (const pair of n.items) {
        if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
          ok = false;
          bag.error(file, at(pair.key.range?.[0]), 'YAML_FORBIDDEN_KEY', `the key "${String(pair.key.value)}" is not allowed`);
        }
        visit(pair.value);
      }
    } else if (isSeq(n)) {
      n.items.forEach(visit);
    }
  };
  visit(node);
  return ok;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The deepest existing node along `path`. */
function nodeAt(doc: Document, path: YamlPath): Node | undefined {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    const child = childOf(node, key);
    if (!child) break;
    node = child;
  }
  return node;
}

function keyNodeAt(doc: Document, path: YamlPath): Node | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

function childOf(node: Node | undefined, key: string | number): Node | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    return (pair?.value as Node | null) ?? (pair && isScalar(pair.key) ? pair.key : undefined);
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as Node | undefined) ?? undefined;
  return undefined;
}
