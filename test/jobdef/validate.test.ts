import { describe, expect, it } from 'vitest';
import { normalizeJob } from '../../src/jobdef/normalize.js';
import { fieldOf } from '../../src/jobdef/report.js';
import type { JobSpec } from '../../src/jobdef/types.js';
import { lintText, render, validJob } from './helpers.js';

const HEAD = `apiVersion: v1
kind: Job
metadata:
  alias: demo
trigger:
  type: cron
  configuration:
    expression: "0 2 * * *"
`;

const lint = (text: string) => lintText('job.yaml', text).diagnostics.map(render);

describe('validateDocument', () => {
  it('points an unknown key at the key itself and the diagnostic carries file and field', () => {
    const { diagnostics } = lintText('jobs/a.yaml', `${HEAD}steps:\n  - name: a\n    image: alpine\n    imagePullPolicy: Always\n`);
    expect(diagnostics).toEqual([
      {
        file: 'jobs/a.yaml',
        line: 12,
        col: 5,
        severity: 'warning',
        code: 'W_UNKNOWN_KEY',
        message: 'unknown key "imagePullPolicy" in steps[0]',
        hint: expect.stringContaining('known keys here: name, type, engine, image'),
        field: 'steps[0].imagePullPolicy',
      },
    ]);
  });

  it('treats an optional key without a value as absent, as the original does', () => {
    const job = validJob(
      `${HEAD}callbacks:\nvolumes:\nsteps:\n  - name: a\n    image: alpine\n    env:\n    next:\n    command:\n    cache:\n`,
    );
    expect(job.steps[0]).toMatchObject({ env: {}, next: [], command: undefined, cache: undefined });
  });

  it('reports a required key without a value as missing', () => {
    expect(lint(`${HEAD}steps:\n  - name:\n    image: alpine\n`)).toEqual(['10:5 error E_REQUIRED steps[0].name is required']);
  });

  it('does not take numbers as text where the original rejects them', () => {
    expect(lint(`${HEAD}steps:\n  - name: a\n    image: alpine\n    next: [1]\n  - name: "1"\n    image: alpine\n`)).toEqual([
      '12:12 error E_TYPE steps[0].next[0] must be a string, not an integer',
    ]);
    expect(lint(HEAD.replace('"0 2 * * *"', '5') + 'steps:\n  - name: a\n    image: alpine\n')).toEqual([
      '8:17 error E_TYPE trigger.configuration.expression must be a string, not an integer',
    ]);
  });

  it('takes numbers and booleans as text in names and images (the text as written)', () => {
    const job = validJob(`${HEAD}steps:\n  - name: 2024\n    image: 1.10\n    workdir: true\n`);
    expect(job.steps[0]).toMatchObject({ name: '2024', image: '1.10', workdir: 'true' });
  });

  it('translates schema errors into plain words at the value', () => {
    expect(
      lint(HEAD.replace('  alias: demo\n', '  alias: demo\n  maxParallelTasks: many\n') + 'steps:\n  - name: a\n    image: alpine\n'),
    ).toEqual(['5:21 error E_TYPE metadata.maxParallelTasks must be a whole number, not a string']);
    expect(lint(`${HEAD}steps:\n  name: a\n`)).toEqual(['10:3 error E_TYPE steps must be a list, not a mapping']);
  });

  it('reports a missing metadata once, at the document', () => {
    expect(
      lint(`apiVersion: v1\nkind: Job\ntrigger:\n  type: http\n  configuration:\n    path: x\nsteps:\n  - name: a\n    image: alpine\n`),
    ).toEqual(['1:1 error E_REQUIRED metadata.alias is required']);
  });

  it('reports every problem of a step in one pass, in document order', () => {
    expect(lint(`${HEAD}steps:\n  - name: a\n    engine: vm\n    type: job\n    triggerRule: never\n    retryDelay: 10\n`)).toEqual([
      '10:5 error E_REQUIRED steps[0].image is required',
      '11:13 error E_ENUM steps[0].engine must be one of [docker,kubernetes,podman,local]',
      '12:11 error E_ENUM steps[0].type "job" must be one of [task,branch]',
      '13:18 error E_ENUM steps[0].triggerRule "never" must be one of [all_success,all_done,all_failed,one_success,always]',
      '14:17 error E_DURATION steps[0].retryDelay must be a duration string such as "30s", not the number 10',
    ]);
  });

  it('accepts durations with a day unit (docs/decisions.md D17) and converts them to milliseconds', () => {
    const job = validJob(
      HEAD.replace('  alias: demo\n', '  alias: demo\n  runTimeout: 2d\n  taskTimeout: "0"\n') +
        'steps:\n  - name: a\n    image: alpine\n    retryDelay: 250ms\n',
    );
    expect(job.runTimeoutMs).toBe(2 * 86_400_000);
    expect(job.taskTimeoutMs).toBe(0);
    expect(job.steps[0]?.retryDelayMs).toBe(250);
  });

  it('warns on a timestampHeader that the bearer scheme does not use', () => {
    expect(
      lint(
        'apiVersion: v1\nkind: Job\nmetadata:\n  alias: demo\ntrigger:\n  type: http\n  configuration:\n    path: x\n    signatureScheme: bearer\n    timestampHeader: X-Ts\nsteps:\n  - name: a\n    image: alpine\n',
      ),
    ).toEqual(['10:5 warning W_IGNORED trigger.configuration.timestampHeader is only used by the hmac schemes; ignored with bearer']);
  });
});

describe('fieldOf', () => {
  it('formats paths the way messages name fields', () => {
    expect(fieldOf([])).toBe('');
    expect(fieldOf(['steps', 2, 'image'])).toBe('steps[2].image');
    expect(fieldOf(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(fieldOf(['$schema'])).toBe('$schema');
  });
});

describe('normalizeJob', () => {
  const spec = (over: Partial<JobSpec> = {}): JobSpec => ({
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias: 'x' },
    trigger: { type: 'http', defaultParams: { a: '1' } },
    steps: [
      { name: 'b', image: 'i', dependsOn: ' a ' },
      { name: 'a', image: 'i' },
      { name: 'c', image: 'i', dependsOn: ['a', 'b'], next: [] },
    ],
    ...over,
  });

  it('injects defaultParams into a missing configuration', () => {
    expect(normalizeJob(spec()).trigger).toEqual({ type: 'http', configuration: { defaultParams: { a: '1' } }, defaultParams: { a: '1' } });
  });

  it('sorts edges by the position of their source, then by target name', () => {
    const job = normalizeJob(spec());
    expect(job.edges).toEqual([
      { from: 'b', to: 'c' },
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
    ]);
    expect(job.steps.map((s) => s.dependsOn)).toEqual([['a'], [], ['a', 'b']]);
    expect(job.source).toBeUndefined();
  });
});
