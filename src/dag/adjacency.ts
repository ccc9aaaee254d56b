import type { DagInput } from './graph.js';

/**
 * Orders step names by UTF-16 code unit, the order the original's Go `sort.Strings`
 * gives for every name made of ASCII (and all of the Basic Multilingual Plane).
 * Never locale-dependent, so output is the same on every machine.
 */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Edges between known nodes, duplicates collapsed, in input order. */
function knownEdges(g: DagInput): { from: string; to: string }[] {
  const known = new Set(g.nodes.map((n) => n.name));
  const seen = new Set<string>();
  const out: { from: string; to: string }[] = [];
  for (const e of g.edges) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    const key = `${e.from}\u0000${e.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

function emptyLists(g: DagInput): Map<string, string[]> {
  return new Map(g.nodes.map((n) => [n.name, []]));
}

/**
 * Successors of every node (keys in definition order), each list deduplicated and
 * sorted by name. Edges that name an unknown node are ignored.
 */
export function successors(g: DagInput): Map<string, string[]> {
  const out = emptyLists(g);
  for (const e of knownEdges(g)) out.get(e.from)?.push(e.to);
  for (const list of out.values()) list.sort(byName);
  return out;
}

/**
 * Predecessors of every node (keys in definition order), each list deduplicated and
 * sorted by name. Edges that name an unknown node are ignored.
 */
export function predecessors(g: DagInput): Map<string, string[]> {
  const out = emptyLists(g);
  for (const e of knownEdges(g)) out.get(e.to)?.push(e.from);
  for (const list of out.values()) list.sort(byName);
  return out;
}

/** Nodes without predecessors, in definition order. */
export function roots(g: DagInput): string[] {
  return [...predecessors(g)].filter(([, preds]) => preds.length === 0).map(([name]) => name);
}

/** Nodes without successors, in definition order. */
export function leaves(g: DagInput): string[] {
  return [...successors(g)].filter(([, succs]) => succs.length === 0).map(([name]) => name);
}
