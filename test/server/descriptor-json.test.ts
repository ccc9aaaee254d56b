/** The descriptor view (`GET …/tasks/:task_id/descriptor`): what it splits out and what it redacts. */
import { describe, expect, it } from 'vitest';
import { descriptorJson } from '../../src/server/reproduce/descriptor-json.js';

const launch = {
  stepName: 'load',
  engine: 'docker' as const,
  image: 'busybox',
  command: undefined,
  env: {
    DB_PASSWORD: 'hunter2',
    GITHUB_TOKEN: 'ghp_literal',
    AWS_SECRET_ACCESS_KEY: 'aws-literal',
    STRIPE_API_KEY: 'sk-literal',
    SESSION_COOKIE: '',
    API_TOKEN: 'secret://env/API_TOKEN',
    TOKENIZER: 'bert',
    KEYBOARD: 'us',
    MODE: 'strict',
    CAESIUM_RUN_ID: 'r1',
    CAESIUM_PARAM_DAY: '2024-01-01',
    CAESIUM_OUTPUT_PREP_ROWS: '42',
  },
  workdir: '/data',
  mounts: [{ source: './in', target: '/in', readOnly: true }],
};

describe('descriptorJson', () => {
  it('redacts literal values of secret-bearing env names, keeps references, and splits params and outputs out', () => {
    const json = descriptorJson('job-1', 'task-1', {
      taskRunId: 'tr',
      runId: 'r1',
      attempt: 2,
      launch,
      recordedAt: '2026-12-02T00:00:00.000Z',
    });
    expect(json).toEqual({
      job_id: 'job-1',
      run_id: 'r1',
      task_id: 'task-1',
      task: 'load',
      attempt: 2,
      engine: 'docker',
      image: 'busybox',
      env: {
        DB_PASSWORD: '***',
        GITHUB_TOKEN: '***',
        AWS_SECRET_ACCESS_KEY: '***',
        STRIPE_API_KEY: '***',
        SESSION_COOKIE: '',
        API_TOKEN: 'secret://env/API_TOKEN',
        TOKENIZER: 'bert',
        KEYBOARD: 'us',
        MODE: 'strict',
        CAESIUM_RUN_ID: 'r1',
      },
      params: { CAESIUM_PARAM_DAY: '2024-01-01' },
      outputs: { CAESIUM_OUTPUT_PREP_ROWS: '42' },
      redacted_env: ['DB_PASSWORD', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'STRIPE_API_KEY'],
      workdir: '/data',
      mounts: [{ source: './in', target: '/in', readOnly: true }],
      recorded_at: '2026-12-02T00:00:00.000Z',
    });
    expect(launch.env.DB_PASSWORD).toBe('hunter2');
  });
});
