import { successors } from '../adjacency.js';
import type { DagInput } from '../graph.js';
import { layers, widest } from '../layers.js';
import { Canvas } from './canvas.js';
import { cellWidth as cells } from './cells.js';
import { planConnector, type Connector, type RowPair } from './connector.js';

/** Top line of the box in grid row `row`; its name sits one line lower. */
const boxTop = (row: number): number => row * 4;

/**
 * The `caesium job preview` drawing: one column of boxes per Kahn layer, each
 * layer centred vertically, with connectors between adjacent layers only. Names
 * are measured in terminal cells, so CJK names get boxes that fit them.
 * Returns `(empty DAG)` for a graph without steps. Every line ends in `\n`.
 */
export function renderAscii(g: DagInput): string {
  return renderAsciiLayers(layers(g), successors(g));
}

/**
 * Draws given layers, with connectors for the `succs` edges that join adjacent
 * layers. Two adjacent layers with no such edge are drawn joined all-to-all (this
 * never happens for layers computed from the same edges).
 */
export function renderAsciiLayers(cols: readonly (readonly string[])[], succs: ReadonlyMap<string, readonly string[]>): string {
  if (cols.length === 0) return '(empty DAG)\n';

  const inner = cols.map((col) => Math.max(...col.map(cells)) + 2);
  const maxRows = widest(cols);
  const rowOf = new Map<string, number>();
  const colOf = new Map<string, number>();
  cols.forEach((col, i) => {
    const offset = Math.floor((maxRows - col.length) / 2);
    col.forEach((name, j) => {
      rowOf.set(name, offset + j);
      colOf.set(name, i);
    });
  });

  const connectors: Connector[] = [];
  for (let i = 0; i + 1 < cols.length; i++) connectors.push(planConnector(pairsBetween(cols, i, succs, rowOf, colOf)));
  const left: number[] = [];
  let x = 0;
  cols.forEach((_, i) => {
    left.push(x);
    x += (inner[i] ?? 0) + 2 + (connectors[i]?.width ?? 0);
  });

  const height = Math.max(3, maxRows * 4 - 1);
  const canvas = new Canvas(x, height);
  cols.forEach((col, i) => {
    for (const name of col) drawBox(canvas, left[i] ?? 0, boxTop(rowOf.get(name) ?? 0), name, inner[i] ?? 0);
  });
  connectors.forEach((conn, i) => conn.draw(canvas, (left[i] ?? 0) + (inner[i] ?? 0) + 2, height));
  return canvas.toString();
}

/** The edges from layer i into layer i + 1 as row pairs; all-to-all when there is none. */
function pairsBetween(
  cols: readonly (readonly string[])[],
  i: number,
  succs: ReadonlyMap<string, readonly string[]>,
  rowOf: ReadonlyMap<string, number>,
  colOf: ReadonlyMap<string, number>,
): RowPair[] {
  const pairs: RowPair[] = [];
  for (const from of cols[i] ?? []) {
    for (const to of succs.get(from) ?? []) {
      if (colOf.get(to) === i + 1) pairs.push([rowOf.get(from) ?? 0, rowOf.get(to) ?? 0]);
    }
  }
  if (pairs.length > 0) return pairs;
  for (const from of cols[i] ?? []) {
    for (const to of cols[i + 1] ?? []) pairs.push([rowOf.get(from) ?? 0, rowOf.get(to) ?? 0]);
  }
  return pairs;
}

function drawBox(c: Canvas, x: number, y: number, name: string, inner: number): void {
  const right = x + inner + 1;
  c.set(x, y, '┌');
  c.hline(x + 1, right - 1, y, '─');
  c.set(right, y, '┐');
  c.set(x, y + 1, '│');
  c.text(x + 1 + Math.floor((inner - cells(name)) / 2), y + 1, name);
  c.set(right, y + 1, '│');
  c.set(x, y + 2, '└');
  c.hline(x + 1, right - 1, y + 2, '─');
  c.set(right, y + 2, '┘');
}
