/**
 * `expect.lineage.impact` through the built CLI: downstream datasets are
 * computed from the OpenLineage events of a real run of the scenario's job.
 */
import { describe, expect, it } from 'vitest';
import { lines, runCli } from '../support/cli.js';
import { FX } from './support.js';

describe('caesium test --scenario with lineage impact', () => {
  it('passes when every expected downstream dataset is reached, within maxDepth', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/impact/impact.scenario.yaml`]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(['  PASS  impact reaches the chain']);
  });

  it('fails naming the root dataset, the missing downstream dataset and what was reached', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/impact/impact-fails.scenario.yaml`]);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual([
      '  FAIL  impact misses',
      '         - lineage impact[sales.extract.output]: expected downstream "sales.load.output", got ["sales.transform.output"]',
      '         - lineage impact[sales.extract.output]: expected downstream "sales.report.output", got ["sales.transform.output"]',
    ]);
  });

  it('reports an impact query without its dataset or downstream list as a harness error (exit 2)', async () => {
    const r = await runCli(['test', '--scenario', `${FX}/invalid/scenarios.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenarios[0]: expect.lineage.impact[0].dataset is required');
    expect(r.stderr).toContain('scenarios[0]: expect.lineage.impact[0] must list at least one downstream dataset');
  });
});
