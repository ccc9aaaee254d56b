import { leaves, predecessors } from './adjacency.js';
import type { DagInput } from './graph.js';
import { layers } from './layers.js';

/** The longest path through a DAG and its length. */
export interface CriticalPath {
  /** Node names from a root to a leaf; empty for an empty graph. */
  path: string[];
  /** Sum of the path's node weights (its node count by default). */
  length: number;
}

/**
 * The longest root-to-leaf path, by node count or by the given node weights
 * (for example expected durations). Weights must be finite and not negative.
 * Ties go to the node defined first: the path ends at the first-defined leaf of
 * greatest length, and each step back picks the first-defined predecessor of
 * greatest length. Assumes an acyclic graph.
 */
export function criticalPath(g: DagInput, weight: (name: string) => number = () => 1): CriticalPath {
  const rank = new Map(g.nodes.map((n, i) => [n.name, i]));
  const preds = predecessors(g);
  const best = new Map<string, number>();
  const via = new Map<string, string>();
  const firstDefined = (a: string, b: string): number => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);

  for (const name of layers(g).flat()) {
    const w = weight(name);
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`weight of step "${name}" must be a finite number >= 0, got ${w}`);
    }
    let from: string | undefined;
    for (const p of [...(preds.get(name) ?? [])].sort(firstDefined)) {
      if (from === undefined || (best.get(p) ?? 0) > (best.get(from) ?? 0)) from = p;
    }
    best.set(name, w + (from === undefined ? 0 : (best.get(from) ?? 0)));
    if (from !== undefined) via.set(name, from);
  }

  // With weights >= 0 some leaf is always as long as any node, so ending at a
  // leaf loses nothing and keeps the path whole even when weights are zero.
  let end: string | undefined;
  for (const name of leaves(g)) {
    const len = best.get(name);
    if (len !== undefined && (end === undefined || len > (best.get(end) ?? 0))) end = name;
  }
  if (end === undefined) return { path: [], length: 0 };

  const path: string[] = [];
  for (let at: string | undefined = end; at !== undefined; at = via.get(at)) path.unshift(at);
  return { path, length: best.get(end) ?? 0 };
}
