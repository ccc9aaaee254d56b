import { describe, expect, it } from 'vitest';
import { looksLikeDatasetRef, taskDatasets } from '../../src/observe/lineage/datasets.js';

describe('dataset references in output values (docs/decisions.md §6)', () => {
  it.each([
    ['/data/out.csv', true],
    ['/', true],
    ['s3://bucket/key', true],
    ['gs://b/k', true],
    ['hdfs://nn/p', true],
    ['file:///tmp/x', true],
    ['abfs://c@a/p', true],
    ['az://c/p', true],
    ['https://example.com/data.json', true],
    ['http://x', true],
    ['s3://', false],
    ['warehouse.public.fact_orders', true],
    ['db.table', true],
    ['report_2026.parquet', true],
    ['2026.01.csv', true],
    ['out.jsonl', true],
    ['3.14', false],
    ['1.2.3', false],
    ['192.168.1.1', false],
    ['v1.2', false],
    ['db.2table', false],
    ['./relative.csv', false],
    ['.hidden', false],
    ['a..b', false],
    ['trailing.', false],
    ['has space.csv', false],
    ['tab\tname.table', false],
    ['plain', false],
    ['1000000', false],
    ['', false],
    ['{"a":1}', false],
    [`${'a'.repeat(251)}.csv`, true],
    [`${'a'.repeat(252)}.csv`, false],
  ])('%j → %s', (value, expected) => {
    expect(looksLikeDatasetRef(value)).toBe(expected);
  });

  it('names a dataset by its value up to 256 bytes, else by alias, step and key', () => {
    const long = `/data/${'x'.repeat(300)}`;
    const { outputs } = taskDatasets({
      namespace: 'ns',
      jobAlias: 'etl',
      stepName: 'dump',
      output: { long, short: '/data/a' },
      outputSchema: { type: 'object' },
      inputSchema: undefined,
    });
    expect(outputs.map((d) => d.name)).toEqual(['etl.dump.long', '/data/a']);
  });

  it('uses the declared outputSchema only when no value names a dataset, and never an empty schema', () => {
    const schema = { type: 'object' };
    const none = taskDatasets({
      namespace: 'ns',
      jobAlias: 'etl',
      stepName: 's',
      output: { n: '3' },
      outputSchema: schema,
      inputSchema: undefined,
    });
    expect(none.outputs).toEqual([
      expect.objectContaining({
        name: 'etl.s.output',
        facets: expect.objectContaining({ caesium_schema: expect.objectContaining({ schema }) }),
      }),
    ]);
    expect(taskDatasets({ namespace: 'ns', jobAlias: 'etl', stepName: 's', output: undefined, outputSchema: {}, inputSchema: {} })).toEqual(
      { inputs: [], outputs: [] },
    );
  });
});
