import { successors } from '../adjacency.js';
import type { DagInput } from '../graph.js';
import { layers, widest } from '../layers.js';
import { Canvas } from './canvas.js';
import { junctionGlyph } from './junction.js';

/** Columns between two layers' boxes, where the connectors run. */
const GAP = 6;

/** Top line of the box in grid row `row`; its name sits one line lower. */
const boxTop = (row: number): number => row * 4;
const boxMid = (row: number): number => boxTop(row) + 1;

/** Width of a name in terminal cells, counted in code points. */
const cells = (name: string): number => Array.from(name).length;

/**
 * The `caesium job preview` drawing: one column of boxes per Kahn layer, each
 * layer centred vertically, with connectors between adjacent layers only.
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
  const left: number[] = [];
  let x = 0;
  cols.forEach((col, i) => {
    const offset = Math.floor((maxRows - col.length) / 2);
    col.forEach((name, j) => {
      rowOf.set(name, offset + j);
      colOf.set(name, i);
    });
    left.push(x);
    x += (inner[i] ?? 0) + 2 + (i < cols.length - 1 ? GAP : 0);
  });

  const canvas = new Canvas(x, Math.max(3, maxRows * 4 - 1));
  cols.forEach((col, i) => {
    for (const name of col) drawBox(canvas, left[i] ?? 0, boxTop(rowOf.get(name) ?? 0), name, inner[i] ?? 0);
  });

  for (let i = 0; i + 1 < cols.length; i++) {
    const pairs: [number, number][] = [];
    for (const from of cols[i] ?? []) {
      for (const to of succs.get(from) ?? []) {
        if (colOf.get(to) === i + 1) pairs.push([rowOf.get(from) ?? 0, rowOf.get(to) ?? 0]);
      }
    }
    if (pairs.length === 0) {
      for (const from of cols[i] ?? []) {
        for (const to of cols[i + 1] ?? []) pairs.push([rowOf.get(from) ?? 0, rowOf.get(to) ?? 0]);
      }
    }
    const start = (left[i] ?? 0) + (inner[i] ?? 0) + 2;
    drawConnector(canvas, start, start + GAP, pairs);
  }
  return canvas.toString();
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

/**
 * Connects source rows to target rows across the gap [start, end): lines from the
 * sources to a junction column midway, a spine joining the rows, and `─>` into
 * each target box.
 */
function drawConnector(c: Canvas, start: number, end: number, pairs: readonly [number, number][]): void {
  const mid = Math.floor((start + end) / 2);
  const sources = new Set(pairs.map(([from]) => from));
  const targets = new Set(pairs.map(([, to]) => to));
  for (const row of sources) c.hline(start, mid - 1, boxMid(row), '─');
  for (const row of targets) {
    c.hline(mid + 1, end - 2, boxMid(row), '─');
    c.set(end - 1, boxMid(row), '>');
  }

  const rows = [...new Set([...sources, ...targets])];
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  if (top === bottom) {
    c.set(mid, boxMid(top), '─');
    return;
  }
  c.vline(mid, boxMid(top), boxMid(bottom), '│');
  for (const row of rows) {
    const arms = { left: sources.has(row), right: targets.has(row), up: row !== top, down: row !== bottom };
    c.set(mid, boxMid(row), junctionGlyph(arms));
  }
}
