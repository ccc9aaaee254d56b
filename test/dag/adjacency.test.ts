import { describe, expect, it } from 'vitest';
import { byName, leaves, predecessors, roots, successors } from '../../src/dag/adjacency.js';
import { dag } from './shapes.js';

describe('successors / predecessors', () => {
  it('sorts each list by name and keeps keys in definition order', () => {
    const g = dag('r c b a', 'r>c r>a r>b');
    expect([...successors(g)]).toEqual([
      ['r', ['a', 'b', 'c']],
      ['c', []],
      ['b', []],
      ['a', []],
    ]);
    expect(predecessors(dag('z y m', 'z>m y>m')).get('m')).toEqual(['y', 'z']);
  });

  it('collapses duplicate edges and ignores edges to unknown nodes', () => {
    const g = dag('a b', 'a>b a>b a>ghost ghost>b');
    expect(successors(g).get('a')).toEqual(['b']);
    expect(predecessors(g).get('b')).toEqual(['a']);
    expect(successors(g).has('ghost')).toBe(false);
  });

  it('sorts by code unit, not by locale (upper case before lower, - before _)', () => {
    expect(successors(dag('r b B x_y x-y', 'r>b r>B r>x_y r>x-y')).get('r')).toEqual(['B', 'b', 'x-y', 'x_y']);
    expect(['b', 'a', 'B'].sort(byName)).toEqual(['B', 'a', 'b']);
  });
});

describe('roots / leaves', () => {
  it('lists roots and leaves in definition order, not name order', () => {
    const g = dag('z a m q b', 'z>m a>m m>q m>b');
    expect(roots(g)).toEqual(['z', 'a']);
    expect(leaves(g)).toEqual(['q', 'b']);
  });

  it('counts an isolated step as both a root and a leaf', () => {
    const g = dag('a b solo', 'a>b');
    expect(roots(g)).toEqual(['a', 'solo']);
    expect(leaves(g)).toEqual(['b', 'solo']);
  });

  it('is empty for an empty graph', () => {
    expect(roots(dag(''))).toEqual([]);
    expect(leaves(dag(''))).toEqual([]);
  });
});
