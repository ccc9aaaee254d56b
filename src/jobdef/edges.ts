import type { Edge } from './types.js';

/** A step as edge derivation sees it: its name and trimmed, non-empty references. */
export interface EdgeSource {
  name: string;
  next: readonly string[];
  dependsOn: readonly string[];
}

/**
 * The edges of a job (docs/decisions.md §1.8). `next: X` on A and `dependsOn: A` on X both give
 * A→X, once. When no step declares any edge, steps are chained in list order.
 * References to unknown steps and to the step itself are skipped (validation
 * reports them). Sorted by (position of `from`, name of `to`).
 */
export function deriveEdges(steps: readonly EdgeSource[]): { edges: Edge[]; implicit: boolean } {
  const position = new Map<string, number>();
  steps.forEach((s, i) => {
    if (!position.has(s.name)) position.set(s.name, i);
  });
  const implicit = steps.every((s) => s.next.length === 0 && s.dependsOn.length === 0);
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string): void => {
    if (from === to || !position.has(from) || !position.has(to)) return;
    const key = `${from}\u0000${to}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to });
  };
  if (implicit) {
    for (let i = 0; i + 1 < steps.length; i++) add((steps[i] as EdgeSource).name, (steps[i + 1] as EdgeSource).name);
  } else {
    for (const s of steps) {
      for (const n of s.next) add(s.name, n);
      for (const d of s.dependsOn) add(d, s.name);
    }
  }
  const pos = (n: string): number => position.get(n) as number;
  edges.sort((a, b) => pos(a.from) - pos(b.from) || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { edges, implicit };
}
