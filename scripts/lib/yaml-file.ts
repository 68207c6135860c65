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
  const value = ok ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return {
    file,
    value,
    pos: (path) => at(nodeAt(doc, path)?.range?.[0]),
    keyPos: (path) => at(keyNodeAt(doc, path)?.range?.[0] ?? nodeAt(doc, path)?.range?.[0]),
  };
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
