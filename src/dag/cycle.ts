import type { DagInput } from './graph.js';

/**
 * Finds one cycle of the graph, or undefined when it is acyclic. The cycle is
 * returned as a path that starts and ends on the same node (`['a','b','c','a']`),
 * beginning at its member defined earliest. Deterministic: the search starts
 * from nodes in definition order and follows successors in definition order.
 * Edges naming unknown nodes are ignored; a self-loop is a cycle of one node.
 */
export function findCycle(g: DagInput): string[] | undefined {
  const order = new Map<string, number>();
  g.nodes.forEach((n, i) => {
    if (!order.has(n.name)) order.set(n.name, i);
  });
  const succ = new Map<string, string[]>();
  for (const name of order.keys()) succ.set(name, []);
  for (const e of g.edges) {
    if (order.has(e.from) && order.has(e.to)) succ.get(e.from)?.push(e.to);
  }
  const rank = (n: string): number => order.get(n) as number;
  for (const list of succ.values()) list.sort((a, b) => rank(a) - rank(b));

  // Iterative depth-first search: 0 unvisited, 1 on the current path, 2 done.
  const state = new Map<string, 0 | 1 | 2>();
  for (const start of order.keys()) {
    if ((state.get(start) ?? 0) !== 0) continue;
    const path: string[] = [start];
    const next: number[] = [0];
    state.set(start, 1);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as string;
      const children = succ.get(node) as string[];
      const i = next[top] as number;
      if (i >= children.length) {
        state.set(node, 2);
        path.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const child = children[i] as string;
      const s = state.get(child) ?? 0;
      if (s === 1) return rotate(path.slice(path.indexOf(child)), rank);
      if (s === 0) {
        state.set(child, 1);
        path.push(child);
        next.push(0);
      }
    }
  }
  return undefined;
}

/** Rotates a cycle's members so the earliest-defined comes first, and closes it. */
function rotate(members: string[], rank: (n: string) => number): string[] {
  let first = 0;
  members.forEach((m, i) => {
    if (rank(m) < rank(members[first] as string)) first = i;
  });
  const out = [...members.slice(first), ...members.slice(0, first)];
  out.push(out[0] as string);
  return out;
}
