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

/** One job of a multi-job drawing: its alias and its DAG. */
export interface TitledDag {
  title: string;
  graph: DagInput;
}

/**
 * Several DAGs as ONE Graphviz digraph: a `cluster_<n>` subgraph per job,
 * labelled with its alias. Node ids are `j<n>.<step>` so steps of the same name
 * in two jobs stay apart; each node is labelled with its step name.
 */
export function renderDotJobs(jobs: readonly TitledDag[], title = 'caesium'): string {
  const lines = [`digraph ${dotQuote(title)} {`, '  rankdir=LR;'];
  jobs.forEach(({ title: alias, graph }, i) => {
    const id = (name: string): string => dotQuote(`j${i + 1}.${name}`);
    lines.push(`  subgraph ${dotQuote(`cluster_${i + 1}`)} {`, `    label=${dotQuote(alias)};`);
    for (const node of graph.nodes) {
      lines.push(`    ${id(node.name)} [label=${dotQuote(node.name)}, shape=${node.type === 'branch' ? 'diamond' : 'box'}];`);
    }
    for (const [from, tos] of successors(graph)) {
      for (const to of tos) lines.push(`    ${id(from)} -> ${id(to)};`);
    }
    lines.push('  }');
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
