import { leaves, predecessors, roots, successors } from './adjacency.js';
import type { DagInput } from './graph.js';
import { layers, widest } from './layers.js';

/** Everything `caesium test` reports about a DAG's shape, computed once. */
export interface DagAnalysis {
  /** Kahn layers (see `layers`). */
  layers: string[][];
  /** Node name → its layer index. */
  depth: Map<string, number>;
  /** Width of the widest layer. */
  maxParallelism: number;
  /** Nodes without predecessors, in definition order. */
  roots: string[];
  /** Nodes without successors, in definition order. */
  leaves: string[];
  /** Node name → predecessors sorted by name (keys in definition order). */
  predecessors: Map<string, string[]>;
  /** Node name → successors sorted by name (keys in definition order). */
  successors: Map<string, string[]>;
}

/** Analyses an acyclic DAG: layers, parallelism, roots, leaves and adjacency. */
export function analyze(g: DagInput): DagAnalysis {
  const ls = layers(g);
  const depth = new Map<string, number>();
  ls.forEach((layer, i) => layer.forEach((name) => depth.set(name, i)));
  return {
    layers: ls,
    depth,
    maxParallelism: widest(ls),
    roots: roots(g),
    leaves: leaves(g),
    predecessors: predecessors(g),
    successors: successors(g),
  };
}
