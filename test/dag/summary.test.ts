import { describe, expect, it } from 'vitest';
import { formatLayers, summaryLine } from '../../src/dag/summary.js';
import { dag, shapes } from './shapes.js';

describe('summaryLine (caesium test "Steps:")', () => {
  it('prints single-step layers bare and wider ones in brackets', () => {
    expect(summaryLine(shapes.diamond!)).toBe('a -> [b, c] -> d (4 steps, max parallelism: 2)');
    expect(summaryLine(shapes['uneven-fan']!)).toBe('extract -> [p1, p2, p3] -> [m1, m2] -> load (7 steps, max parallelism: 3)');
    expect(summaryLine(shapes['two-chains']!)).toBe('[a1, b1] -> [a2, b2] (4 steps, max parallelism: 2)');
  });

  it('says "steps" even for one step, as the original does', () => {
    expect(summaryLine(shapes['single-node']!)).toBe('only (1 steps, max parallelism: 1)');
  });

  it('names an empty DAG', () => {
    expect(summaryLine(dag(''))).toBe('(empty DAG) (0 steps, max parallelism: 0)');
  });

  it('formats layers on their own', () => {
    expect(formatLayers([])).toBe('');
    expect(formatLayers([['a'], ['b', 'c']])).toBe('a -> [b, c]');
  });
});
