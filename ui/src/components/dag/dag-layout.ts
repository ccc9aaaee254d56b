/** Lays out the `GET /v1/jobs/:id/dag` graph left to right with dagre: a top-left position for every step. */
import dagre from '@dagrejs/dagre';
import type { DagJson } from '../../../../src/api/index.js';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 48;

export interface PlacedStep {
  id: string;
  name: string;
  type?: string;
  engine: string;
  x: number;
  y: number;
}

export interface DagLayout {
  steps: PlacedStep[];
  edges: { from: string; to: string }[];
}

/** Positions every node; edges naming an unknown node (a damaged answer) are dropped rather than drawn to nowhere. */
export function layoutDag(dag: DagJson): DagLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 60, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const known = new Set(dag.nodes.map((n) => n.id));
  for (const n of dag.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges = dag.edges.filter((e) => known.has(e.from) && known.has(e.to));
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const steps = dag.nodes.map((n) => {
    const p = g.node(n.id) as { x: number; y: number };
    const step: PlacedStep = { id: n.id, name: n.name, engine: n.engine, x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 };
    if (n.type !== undefined) step.type = n.type;
    return step;
  });
  return { steps, edges };
}
