import { successors } from '../adjacency.js';
import type { DagInput } from '../graph.js';

/** A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`. */
export function dotQuote(s: string): string {
  return `"${s.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, '\\n')}"`;
}

/**
 * The DAG as a Graphviz digraph laid out left to right: steps in definition order
 * (task steps as boxes, branch steps as diamonds), then edges by source in
 * definition order, targets sorted by name. The graph is named by `title`
 * (default `dag`).
 */
export function renderDot(g: DagInput, title = 'dag'): string {
  const lines = [`digraph ${dotQuote(title)} {`, '  rankdir=LR;'];
  for (const node of g.nodes) {
    lines.push(`  ${dotQuote(node.name)} [shape=${node.type === 'branch' ? 'diamond' : 'box'}];`);
  }
  for (const [from, tos] of successors(g)) {
    for (const to of tos) lines.push(`  ${dotQuote(from)} -> ${dotQuote(to)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
