import { describe, expect, it } from 'vitest';
import { findCycle } from '../../src/dag/cycle.js';

const nodes = (...names: string[]) => names.map((name) => ({ name }));
const edges = (...pairs: string[]) =>
  pairs.map((p) => {
    const [from, to] = p.split('>');
    return { from: from!, to: to! };
  });

describe('findCycle', () => {
  it('returns undefined for a DAG', () => {
    expect(findCycle({ nodes: nodes('a', 'b', 'c', 'd'), edges: edges('a>b', 'a>c', 'b>d', 'c>d') })).toBeUndefined();
    expect(findCycle({ nodes: [], edges: [] })).toBeUndefined();
  });

  it('returns the cycle as a closed path', () => {
    expect(findCycle({ nodes: nodes('a', 'b', 'c'), edges: edges('a>b', 'b>c', 'c>a') })).toEqual(['a', 'b', 'c', 'a']);
  });

  it('starts the path at the member defined earliest, whatever the edge order', () => {
    const g = { nodes: nodes('x', 'c', 'b', 'a'), edges: edges('a>b', 'b>c', 'c>a', 'x>a') };
    expect(findCycle(g)).toEqual(['c', 'a', 'b', 'c']);
    expect(findCycle({ ...g, edges: [...g.edges].reverse() })).toEqual(['c', 'a', 'b', 'c']);
  });

  it('finds a cycle that the first nodes are not part of', () => {
    expect(findCycle({ nodes: nodes('s', 'p', 'q'), edges: edges('s>p', 'p>q', 'q>p') })).toEqual(['p', 'q', 'p']);
  });

  it('reports a self-loop as a cycle of one node', () => {
    expect(findCycle({ nodes: nodes('a', 'b'), edges: edges('a>b', 'b>b') })).toEqual(['b', 'b']);
  });

  it('is deterministic when there are several cycles: the first reached from the earliest node', () => {
    const g = { nodes: nodes('a', 'b', 'c', 'd'), edges: edges('c>d', 'd>c', 'a>b', 'b>a') };
    expect(findCycle(g)).toEqual(['a', 'b', 'a']);
  });

  it('ignores edges to unknown nodes', () => {
    expect(findCycle({ nodes: nodes('a'), edges: edges('a>zz', 'zz>a') })).toBeUndefined();
  });

  it('handles long chains without recursion', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const chain = names.slice(1).map((n, i) => ({ from: names[i]!, to: n }));
    expect(findCycle({ nodes: nodes(...names), edges: chain })).toBeUndefined();
    const cycle = findCycle({ nodes: nodes(...names), edges: [...chain, { from: names.at(-1)!, to: names[0]! }] });
    expect(cycle?.length).toBe(20_001);
    expect(cycle?.[0]).toBe('n0');
  });
});
