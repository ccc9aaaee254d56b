import { predecessors, successors } from './adjacency.js';
import type { DagInput } from './graph.js';

/**
 * Kahn layers, as the original computes them: the first layer holds the roots in
 * definition order; each next layer holds, in the order they became ready, the
 * nodes whose last unfinished predecessor was in the layer before, visiting each
 * node's successors sorted by name. Nodes on a cycle never become ready and are
 * left out (run cycle detection first).
 */
export function layers(g: DagInput): string[][] {
  const succs = successors(g);
  const waiting = new Map<string, number>();
  let frontier: string[] = [];
  for (const [name, preds] of predecessors(g)) {
    waiting.set(name, preds.length);
    if (preds.length === 0) frontier.push(name);
  }

  const out: string[][] = [];
  while (frontier.length > 0) {
    out.push(frontier);
    const next: string[] = [];
    for (const name of frontier) {
      for (const succ of succs.get(name) ?? []) {
        const left = (waiting.get(succ) ?? 0) - 1;
        waiting.set(succ, left);
        if (left === 0) next.push(succ);
      }
    }
    frontier = next;
  }
  return out;
}

/** The widest Kahn layer: how many steps can run at once at most (0 when empty). */
export function maxParallelism(g: DagInput): number {
  return widest(layers(g));
}

/** The length of the longest of the given layers (0 when there are none). */
export function widest(ls: readonly (readonly string[])[]): number {
  return ls.reduce((max, layer) => Math.max(max, layer.length), 0);
}
