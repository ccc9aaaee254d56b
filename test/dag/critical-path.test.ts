import { describe, expect, it } from 'vitest';
import { criticalPath } from '../../src/dag/critical-path.js';
import { dag, shapes } from './shapes.js';

describe('criticalPath', () => {
  it('is empty for an empty graph', () => {
    expect(criticalPath(dag(''))).toEqual({ path: [], length: 0 });
  });

  it('counts nodes by default', () => {
    expect(criticalPath(shapes['single-node']!)).toEqual({ path: ['only'], length: 1 });
    expect(criticalPath(shapes['chain-3']!)).toEqual({ path: ['a', 'b', 'c'], length: 3 });
  });

  it('follows the longest branch, including a layer-skipping edge', () => {
    expect(criticalPath(dag('a b c d e', 'a>b b>c c>e a>d d>e'))).toEqual({ path: ['a', 'b', 'c', 'e'], length: 4 });
    expect(criticalPath(shapes['layer-skip']!)).toEqual({ path: ['a', 'b', 'c'], length: 3 });
  });

  it('breaks ties by definition order, not by name', () => {
    expect(criticalPath(dag('a b c d', 'a>b a>c b>d c>d')).path).toEqual(['a', 'b', 'd']);
    expect(criticalPath(dag('a c b d', 'a>b a>c b>d c>d')).path).toEqual(['a', 'c', 'd']);
    // Two equal chains: the one ending in the first-defined leaf wins.
    expect(criticalPath(dag('y1 x1 y2 x2', 'y1>y2 x1>x2')).path).toEqual(['y1', 'y2']);
    expect(criticalPath(dag('y1 x1 x2 y2', 'y1>y2 x1>x2')).path).toEqual(['x1', 'x2']);
  });

  it('picks the longest of disconnected components', () => {
    expect(criticalPath(dag('solo a b c', 'a>b b>c'))).toEqual({ path: ['a', 'b', 'c'], length: 3 });
  });

  it('sums weights when given', () => {
    const minutes: Record<string, number> = { a: 1, b: 2, c: 10, d: 1 };
    expect(criticalPath(shapes.diamond!, (n) => minutes[n] ?? 0)).toEqual({ path: ['a', 'c', 'd'], length: 12 });
    // A heavy single step beats a longer chain of light ones.
    const w: Record<string, number> = { big: 50 };
    expect(criticalPath(dag('a b c big', 'a>b b>c'), (n) => w[n] ?? 1)).toEqual({ path: ['big'], length: 50 });
  });

  it('accepts zero weights and calls the weight function once per step', () => {
    const calls: string[] = [];
    const r = criticalPath(shapes.diamond!, (n) => (calls.push(n), 0));
    expect(r).toEqual({ path: ['a', 'b', 'd'], length: 0 });
    expect(calls.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects negative and non-finite weights', () => {
    expect(() => criticalPath(shapes['chain-3']!, () => -1)).toThrow(RangeError);
    expect(() => criticalPath(shapes['chain-3']!, () => Number.NaN)).toThrow(/weight of step "a"/);
    expect(() => criticalPath(shapes['chain-3']!, () => Infinity)).toThrow(RangeError);
  });
});
