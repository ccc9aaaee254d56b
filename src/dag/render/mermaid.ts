import { successors } from '../adjacency.js';
import type { DagInput } from '../graph.js';
import type { TitledDag } from './dot.js';

/**
 * A Mermaid id per node: `s_` and the name with every character outside
 * `[A-Za-z0-9_]` turned into `_`, numbered `_2`, `_3`… on a clash. The prefix keeps
 * ids clear of Mermaid keywords (`end`, `graph`, `style`…) and edge markers.
 */
export function mermaidIds(names: readonly string[], prefix = 's_'): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = `${prefix}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    ids.set(name, id);
  }
  return ids;
}

/** A label for a quoted Mermaid string, characters Mermaid parses turned into entity codes. */
function label(name: string): string {
  return name.replace(/[#"<>]/g, (ch) => `#${ch.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

/**
 * The DAG as a Mermaid `flowchart LR`: steps in definition order (branch steps as
 * rhombi), then edges by source in definition order, targets sorted by name.
 * A title becomes Mermaid front matter.
 */
export function renderMermaid(g: DagInput, title?: string): string {
  const lines: string[] = [];
  if (title !== undefined) lines.push('---', `title: ${JSON.stringify(title)}`, '---');
  lines.push('flowchart LR');
  lines.push(...body(g, 's_', '  '));
  return `${lines.join('\n')}\n`;
}

/** Node and edge lines of one DAG, ids starting with `prefix`, each line indented. */
function body(g: DagInput, prefix: string, indent: string): string[] {
  const lines: string[] = [];
  const ids = mermaidIds(
    g.nodes.map((n) => n.name),
    prefix,
  );
  for (const node of g.nodes) {
    const text = `"${label(node.name)}"`;
    lines.push(`${indent}${ids.get(node.name)}${node.type === 'branch' ? `{${text}}` : `[${text}]`}`);
  }
  for (const [from, tos] of successors(g)) {
    for (const to of tos) lines.push(`${indent}${ids.get(from)} --> ${ids.get(to)}`);
  }
  return lines;
}

/**
 * Several DAGs as ONE Mermaid `flowchart LR`: a `subgraph j<n> ["<alias>"]` per
 * job, its step ids prefixed `j<n>_s_` so steps of the same name in two jobs stay
 * apart.
 */
export function renderMermaidJobs(jobs: readonly TitledDag[]): string {
  const lines = ['flowchart LR'];
  jobs.forEach(({ title, graph }, i) => {
    lines.push(`  subgraph j${i + 1} ["${label(title)}"]`, '    direction LR', ...body(graph, `j${i + 1}_s_`, '    '), '  end');
  });
  return `${lines.join('\n')}\n`;
}
