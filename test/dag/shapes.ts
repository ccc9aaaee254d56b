// Graph shapes shared by the DAG unit tests and the golden files.
import type { DagInput, DagNode } from '../../src/dag/graph.js';

/**
 * Builds a graph from compact text: `nodes` is space-separated names in definition
 * order (a trailing `?` marks a branch step), `edges` is space-separated `from>to`.
 */
export function dag(nodes: string, edges = ''): DagInput {
  const list: DagNode[] = nodes
    .split(/\s+/)
    .filter(Boolean)
    .map((n) => (n.endsWith('?') ? { name: n.slice(0, -1), type: 'branch' } : { name: n }));
  const pairs = edges
    .split(/\s+/)
    .filter(Boolean)
    .map((e) => {
      const [from = '', to = ''] = e.split('>');
      return { from, to };
    });
  return { nodes: list, edges: pairs };
}

/** The shapes with golden ASCII, Mermaid and DOT renderings in test/golden. */
export const shapes: Record<string, DagInput> = {
  'single-node': dag('only'),
  'chain-3': dag('a b c', 'a>b b>c'),
  'fan-out': dag('start x y z', 'start>x start>y start>z'),
  'fan-in': dag('x y z join', 'x>join y>join z>join'),
  diamond: dag('a b c d', 'a>b a>c b>d c>d'),
  'uneven-fan': dag('extract p1 p2 p3 m1 m2 load', 'extract>p1 extract>p2 extract>p3 p1>m1 p2>m1 p3>m2 m1>load m2>load'),
  'layer-skip': dag('a b c', 'a>b b>c a>c'),
  'two-chains': dag('a1 b1 a2 b2', 'a1>a2 b1>b2'),
  'long-names': dag(
    'fetch-upstream-catalogue x transform.normalise-records-v2 publish',
    'fetch-upstream-catalogue>x x>transform.normalise-records-v2 fetch-upstream-catalogue>publish transform.normalise-records-v2>publish',
  ),
  'branch-step': dag('check route? fast slow done', 'check>route route>fast route>slow fast>done slow>done'),
  'crossing-rows': dag('r1 r2 r3 t1 t2 t3', 'r1>t3 r3>t1 r2>t2'),
  'wide-centring': dag('a b c d e f g h', 'a>b a>c a>d a>e b>f c>f d>g e>g f>h g>h'),
  'mixed-widths': dag('src ab abcde sink', 'src>ab src>abcde ab>sink abcde>sink'),
  'independent-steps': dag('lint test build'),
  'special-names': {
    nodes: [
      { name: 'say "hi"' },
      { name: 'back\\slash', type: 'branch' },
      { name: 'x-y' },
      { name: 'x_y' },
      { name: 'end' },
      { name: '#1<2>' },
    ],
    edges: [
      { from: 'say "hi"', to: 'back\\slash' },
      { from: 'back\\slash', to: 'x-y' },
      { from: 'back\\slash', to: 'x_y' },
      { from: 'x-y', to: 'end' },
      { from: 'x_y', to: '#1<2>' },
    ],
  },
};
