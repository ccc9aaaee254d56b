import { describe, expect, it } from 'vitest';
import { diffDefinitions, formatChange, formatValue } from '../../src/jobdef/diff.js';

const spec = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Job',
  metadata: { alias: 'etl', ...extra },
  trigger: { type: 'cron', configuration: { expression: '0 * * * *' } },
  steps: [
    { name: 'fetch', image: 'alpine:3.20', command: ['sh', '-c', 'echo 1'] },
    { name: 'load', image },
  ],
});

const lines = (before: unknown, after: unknown) => diffDefinitions(before, after).map(formatChange);

describe('diffDefinitions', () => {
  it('finds nothing between equal definitions, whatever their key order', () => {
    const a = spec('alpine:3.20');
    const reordered = { steps: a.steps, trigger: a.trigger, metadata: a.metadata, kind: a.kind, apiVersion: a.apiVersion };
    expect(diffDefinitions(a, reordered)).toEqual([]);
  });

  it('names a changed step field by index', () => {
    expect(lines(spec('alpine:3.20'), spec('alpine:3.23'))).toEqual(['~ steps[1].image: alpine:3.20 → alpine:3.23']);
    expect(diffDefinitions(spec('alpine:3.20'), spec('alpine:3.23'))).toEqual([
      { path: 'steps[1].image', kind: 'changed', before: 'alpine:3.20', after: 'alpine:3.23' },
    ]);
  });

  it('reports added and removed members and steps, in document order', () => {
    const before = spec('alpine:3.20', { labels: { team: 'data', tier: 'gold' } });
    const after = spec('alpine:3.20', { labels: { team: 'ml', 'app.kubernetes.io/name': 'etl' } });
    after.steps.push({ name: 'report', image: 'alpine:3.20' });
    expect(lines(before, after)).toEqual([
      '~ metadata.labels.team: data → ml',
      '+ metadata.labels["app.kubernetes.io/name"]: etl',
      '- metadata.labels.tier: gold',
      '+ steps[2]: {"name":"report","image":"alpine:3.20"}',
    ]);
    expect(lines(after, before).at(-1)).toBe('- steps[2]: {"name":"report","image":"alpine:3.20"}');
  });

  it('compares arrays of scalars (commands) as a whole, and undefined members as absent', () => {
    const before = spec('alpine:3.20');
    const after = spec('alpine:3.20', { description: undefined });
    after.steps[0] = { ...after.steps[0]!, command: ['sh', '-c', 'echo 2'] };
    expect(lines(before, after)).toEqual(['~ steps[0].command: ["sh","-c","echo 1"] → ["sh","-c","echo 2"]']);
  });
});

describe('formatValue', () => {
  it('prints plain strings bare and anything ambiguous as JSON', () => {
    expect(formatValue('alpine:3.23')).toBe('alpine:3.23');
    expect(formatValue('two words')).toBe('two words');
    expect(formatValue('')).toBe('""');
    expect(formatValue(' padded')).toBe('" padded"');
    expect(formatValue('a\nb')).toBe('"a\\nb"');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(null)).toBe('null');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});
