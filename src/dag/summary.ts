import type { DagInput } from './graph.js';
import { layers, widest } from './layers.js';

/**
 * Kahn layers as one line: single-step layers bare, wider ones as `[x, y]`,
 * joined by ` -> ` (`a -> [b, c] -> d`).
 */
export function formatLayers(ls: readonly (readonly string[])[]): string {
  return ls.map((layer) => (layer.length === 1 ? (layer[0] ?? '') : `[${layer.join(', ')}]`)).join(' -> ');
}

/**
 * The `Steps:` line of `caesium test`:
 * `a -> [b, c] -> d (4 steps, max parallelism: 2)`. Like the original it always
 * says "steps" (`1 steps`), so scripts that parse it keep working. A graph with
 * no steps reads `(empty DAG) (0 steps, max parallelism: 0)`.
 */
export function summaryLine(g: DagInput): string {
  const ls = layers(g);
  const order = ls.length === 0 ? '(empty DAG)' : formatLayers(ls);
  return `${order} (${g.nodes.length} steps, max parallelism: ${widest(ls)})`;
}
