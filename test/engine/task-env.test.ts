import { describe, expect, it } from 'vitest';
import { buildTaskEnv, outputEnvName, paramEnvName } from '../../src/engine/task-env.js';

describe('env names', () => {
  it('uppercases param keys only', () => {
    expect(paramEnvName('my-key.v2')).toBe('CAESIUM_PARAM_MY-KEY.V2');
  });
  it('normalises step and output names: - and . become _, then uppercase', () => {
    expect(outputEnvName('load-data.v2', 'row.count')).toBe('CAESIUM_OUTPUT_LOAD_DATA_V2_ROW_COUNT');
    expect(outputEnvName('étape', 'k$y')).toBe('CAESIUM_OUTPUT_ÉTAPE_K$Y');
  });
});

describe('buildTaskEnv', () => {
  it('merges base → step env → run vars → predecessor outputs (later wins)', () => {
    const env = buildTaskEnv({
      base: { PATH: '/bin', SHARED: 'base' },
      stepEnv: { SHARED: 'step', CAESIUM_RUN_ID: 'spoofed', CAESIUM_OUTPUT_A_X: 'spoofed' },
      runId: 'run-1',
      jobAlias: 'etl',
      params: { day: 'mon', 'my-key': 'v' },
      predecessorOutputs: [
        { step: 'a', output: { x: '1' } },
        { step: 'b-c', output: { 'y.z': '2' } },
      ],
    });
    expect(env).toEqual({
      PATH: '/bin',
      SHARED: 'step',
      CAESIUM_RUN_ID: 'run-1',
      CAESIUM_JOB_ALIAS: 'etl',
      CAESIUM_PARAM_DAY: 'mon',
      'CAESIUM_PARAM_MY-KEY': 'v',
      CAESIUM_OUTPUT_A_X: '1',
      CAESIUM_OUTPUT_B_C_Y_Z: '2',
    });
  });
});
