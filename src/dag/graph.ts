/** A node of a DAG as the pure graph functions see it. */
export interface DagNode {
  name: string;
  /** `branch` nodes are drawn differently by the renderers. */
  type?: 'task' | 'branch';
  engine?: string;
}

/** A directed graph: nodes in definition order, edges as (from, to) names. */
export interface DagInput {
  nodes: readonly DagNode[];
  edges: readonly { from: string; to: string }[];
}
