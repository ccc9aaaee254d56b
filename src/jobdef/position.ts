import { isMap, isSeq, isScalar, isPair, type Document, type LineCounter, type Node } from 'yaml';

/** A path into a document: keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

export interface LineCol {
  line: number;
  col: number;
}

/**
 * The position of the node at `path`, or of its nearest existing ancestor when
 * the node is missing (a missing required key points at the map that lacks it).
 * With `key: true`, points at the key of the last path element instead of its value
 * (for unknown-key warnings).
 */
export function positionOf(doc: Document.Parsed, lineCounter: LineCounter, path: FieldPath, opts: { key?: boolean } = {}): LineCol {
  return lineCounter.linePos(offsetOf(doc, path, opts));
}

/** The character offset `positionOf` turns into a line and column. */
export function offsetOf(doc: Document.Parsed, path: FieldPath, opts: { key?: boolean } = {}): number {
  let node: unknown = doc.contents;
  let best: number = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (pair === undefined) break;
      if (last && opts.key === true) {
        best = rangeStart(pair.key) ?? best;
        break;
      }
      node = pair.value;
      // `key:` with no value (absent, or an empty null scalar): point at the key.
      best = (isEmptyScalar(node) ? undefined : rangeStart(node)) ?? rangeStart(pair.key) ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      best = rangeStart(node) ?? best;
    } else {
      break;
    }
  }
  return best;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r === undefined || r === null ? undefined : r[0];
}
