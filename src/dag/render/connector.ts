import type { Canvas } from './canvas.js';
import { junctionGlyph } from './junction.js';

/** Columns between two layers' boxes when one spine carries every edge between them. */
const GAP = 6;

/** An edge between two adjacent layers, as the grid rows of its source and its target. */
export type RowPair = readonly [from: number, to: number];

/** Sources that point at exactly the same targets: every source of a group reaches every target of it. */
interface Group {
  sources: number[];
  targets: number[];
}

/** The line a box's name sits on, where connectors leave and enter it. */
const boxMid = (row: number): number => row * 4 + 1;

/** Groups the edges by source; sources with the same set of targets share a group. */
function groupsOf(pairs: readonly RowPair[]): Group[] {
  const targetsOf = new Map<number, Set<number>>();
  for (const [from, to] of pairs) targetsOf.set(from, (targetsOf.get(from) ?? new Set()).add(to));
  const byKey = new Map<string, Group>();
  for (const [from, tos] of [...targetsOf].sort(([a], [b]) => a - b)) {
    const targets = [...tos].sort((a, b) => a - b);
    const key = targets.join(',');
    const group = byKey.get(key) ?? { sources: [], targets };
    group.sources.push(from);
    byKey.set(key, group);
  }
  return [...byKey.values()];
}

const span = (g: Group): [number, number] => {
  const rows = [...g.sources, ...g.targets];
  return [Math.min(...rows), Math.max(...rows)];
};

/**
 * True when the groups can share one spine column without touching: their row
 * spans do not overlap. Otherwise each group is routed on lanes of its own.
 */
function shareOneColumn(groups: readonly Group[]): boolean {
  const spans = groups.map(span).sort(([a], [b]) => a - b);
  return spans.every(([top], i) => i === 0 || top > (spans[i - 1]?.[1] ?? -1));
}

/** The connector layout between two layers: its width and how to draw it. */
export interface Connector {
  width: number;
  draw(c: Canvas, start: number, height: number): void;
}

/**
 * Plans the connector for `pairs`. When sources that do not share all their
 * targets would meet on one spine, each group gets a spine on the source side, a
 * lane of its own on a line between boxes and a spine on the target side, so no
 * line joins two groups: where lines cross, the vertical line is drawn plain
 * (`│`), never as a junction.
 */
export function planConnector(pairs: readonly RowPair[]): Connector {
  const groups = groupsOf(pairs);
  if (shareOneColumn(groups)) {
    return { width: GAP, draw: (c, start) => groups.forEach((g) => drawSpine(c, start, start + GAP, g)) };
  }
  const k = groups.length;
  return { width: 4 * k + 3, draw: (c, start, height) => drawLanes(c, start, groups, height) };
}

/** One spine midway across [start, end): the original drawing, for one group. */
function drawSpine(c: Canvas, start: number, end: number, g: Group): void {
  const mid = Math.floor((start + end) / 2);
  for (const row of g.sources) c.hline(start, mid - 1, boxMid(row), '─');
  for (const row of g.targets) {
    c.hline(mid + 1, end - 2, boxMid(row), '─');
    c.set(end - 1, boxMid(row), '>');
  }
  const sources = new Set(g.sources);
  const targets = new Set(g.targets);
  const [top, bottom] = span(g);
  if (top === bottom) {
    c.set(mid, boxMid(top), '─');
    return;
  }
  c.vline(mid, boxMid(top), boxMid(bottom), '│');
  for (const row of new Set([...g.sources, ...g.targets])) {
    c.set(mid, boxMid(row), junctionGlyph({ left: sources.has(row), right: targets.has(row), up: row !== top, down: row !== bottom }));
  }
}

/**
 * Group g: source spine at column start+2+2g, target spine at start+2k+2+2g, and
 * a lane joining them on a line that holds no box name (so it meets no other
 * horizontal line). Horizontal lines first, then spines over them (plain `│`
 * where they cross a foreign line), then each spine's own junctions.
 */
function drawLanes(c: Canvas, start: number, groups: readonly Group[], height: number): void {
  const k = groups.length;
  const end = start + 4 * k + 3;
  const lanes = laneLines(groups, height);
  const all = groups.map((g, i) => ({ g, a: start + 2 + 2 * i, b: start + 2 * k + 2 + 2 * i, lane: lanes[i] ?? 0 }));
  // One source straight across to one target on the same line needs no spine.
  const straight = all.filter(({ g }) => g.sources.length === 1 && g.targets.length === 1 && g.sources[0] === g.targets[0]);
  for (const { g } of straight) {
    c.hline(start, end - 2, boxMid(g.sources[0] ?? 0), '─');
    c.set(end - 1, boxMid(g.sources[0] ?? 0), '>');
  }
  const plan = all.filter((p) => !straight.includes(p));
  for (const { g, a, b, lane } of plan) {
    for (const row of g.sources) c.hline(start, a - 1, boxMid(row), '─');
    c.hline(a + 1, b - 1, lane, '─');
    for (const row of g.targets) {
      c.hline(b + 1, end - 2, boxMid(row), '─');
      c.set(end - 1, boxMid(row), '>');
    }
  }
  for (const { g, a, b, lane } of plan) {
    const src = g.sources.map(boxMid);
    const tgt = g.targets.map(boxMid);
    c.vline(a, Math.min(lane, ...src), Math.max(lane, ...src), '│');
    c.vline(b, Math.min(lane, ...tgt), Math.max(lane, ...tgt), '│');
  }
  for (const { g, a, b, lane } of plan) {
    junctions(c, a, g.sources.map(boxMid), lane, 'left');
    junctions(c, b, g.targets.map(boxMid), lane, 'right');
  }
}

/** The junctions of one spine at column x: its box lines arrive from `side`, its lane leaves to the other side. */
function junctions(c: Canvas, x: number, ys: readonly number[], lane: number, side: 'left' | 'right'): void {
  const all = [...ys, lane];
  const top = Math.min(...all);
  const bottom = Math.max(...all);
  for (const y of all) {
    const box = y !== lane;
    const arms = { up: y !== top, down: y !== bottom };
    c.set(x, y, junctionGlyph(side === 'left' ? { left: box, right: !box, ...arms } : { left: !box, right: box, ...arms }));
  }
}

/**
 * A lane line per group, each a line that holds no box name (not 4r+1), distinct,
 * as close as possible to the middle of the group's rows.
 */
function laneLines(groups: readonly Group[], height: number): number[] {
  const used = new Set<number>();
  return groups.map((g) => {
    const mids = [...g.sources, ...g.targets].map(boxMid);
    const want = (Math.min(...mids) + Math.max(...mids)) / 2;
    const free = Array.from({ length: height }, (_, y) => y).filter((y) => y % 4 !== 1 && !used.has(y));
    free.sort((p, q) => Math.abs(p - want) - Math.abs(q - want) || p - q);
    const lane = free[0] ?? height;
    used.add(lane);
    return lane;
  });
}
