import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/dag/analysis.js';
import { layers, maxParallelism } from '../../src/dag/layers.js';
import { dag, shapes } from './shapes.js';

describe('layers (Kahn, as the original)', () => {
  it('handles empty graphs, single steps and chains', () => {
    expect(layers(dag(''))).toEqual([]);
    expect(layers(shapes['single-node']!)).toEqual([['only']]);
    expect(layers(shapes['chain-3']!)).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps roots in definition order', () => {
    expect(layers(dag('zeta alpha mid'))).toEqual([['zeta', 'alpha', 'mid']]);
  });

  it('visits successors by name', () => {
    expect(layers(dag('r c b a', 'r>c r>a r>b'))).toEqual([['r'], ['a', 'b', 'c']]);
  });

  it('orders a later layer by when each step became ready, not by name', () => {
    // z is visited before a, so m (z's successor) comes before b (a's).
    expect(layers(dag('z a m b', 'z>m a>b'))).toEqual([
      ['z', 'a'],
      ['m', 'b'],
    ]);
    // d becomes ready while visiting a, c while visiting b.
    expect(layers(dag('a b c d', 'a>d b>c'))).toEqual([
      ['a', 'b'],
      ['d', 'c'],
    ]);
  });

  it('places a step after its last predecessor', () => {
    expect(layers(shapes['layer-skip']!)).toEqual([['a'], ['b'], ['c']]);
    expect(layers(shapes.diamond!)).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(layers(shapes['uneven-fan']!)).toEqual([['extract'], ['p1', 'p2', 'p3'], ['m1', 'm2'], ['load']]);
  });

  it('interleaves disconnected components layer by layer', () => {
    expect(layers(shapes['two-chains']!)).toEqual([
      ['a1', 'b1'],
      ['a2', 'b2'],
    ]);
  });

  it('does not repeat a step reached by duplicate edges', () => {
    expect(layers(dag('a b', 'a>b a>b'))).toEqual([['a'], ['b']]);
  });

  it('leaves out steps on a cycle', () => {
    expect(layers(dag('a b c', 'a>b b>a'))).toEqual([['c']]);
  });
});

describe('maxParallelism', () => {
  it('is the widest layer', () => {
    expect(maxParallelism(dag(''))).toBe(0);
    expect(maxParallelism(shapes['chain-3']!)).toBe(1);
    expect(maxParallelism(shapes['fan-out']!)).toBe(3);
    expect(maxParallelism(shapes['wide-centring']!)).toBe(4);
    expect(maxParallelism(shapes['independent-steps']!)).toBe(3);
  });
});

describe('analyze', () => {
  it('bundles layers, depths, roots, leaves and adjacency', () => {
    const a = analyze(shapes.diamond!);
    expect(a.layers).toEqual([['a'], ['b', 'c'], ['d']]);
    expect([...a.depth]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['d', 2],
    ]);
    expect(a.maxParallelism).toBe(2);
    expect(a.roots).toEqual(['a']);
    expect(a.leaves).toEqual(['d']);
    expect(a.predecessors.get('d')).toEqual(['b', 'c']);
    expect(a.successors.get('a')).toEqual(['b', 'c']);
  });
});
