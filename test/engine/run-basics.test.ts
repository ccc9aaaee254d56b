import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/engine/run-job.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeRuntime } from './support/fake-runtime.js';
import { chain, makeJob } from './support/job.js';
import { runScenario, statuses } from './support/scenario.js';

describe('a simple run', () => {
  it('emits the lifecycle events in order, persisted with increasing sequences', async () => {
    const s = await runScenario(makeJob(chain('a', 'b')));
    const events = s.lifecycle();
    expect(events.map((e) => `${e.type}${e.payload !== undefined && 'name' in e.payload ? `:${e.payload.name}` : ''}`)).toEqual([
      'run_started',
      'task_ready:a',
      'task_claimed:a',
      'task_started:a',
      'task_succeeded:a',
      'task_ready:b',
      'task_claimed:b',
      'task_started:b',
      'task_succeeded:b',
      'run_completed',
      'run_terminal',
    ]);
    const sequences = events.map((e) => e.sequence);
    expect(sequences.every((n, i) => i === 0 || n > (sequences[i - 1] as number))).toBe(true);
    expect(await s.store.events.list({ runId: s.summary.runId })).toEqual(events);
    const completed = events.find((e) => e.type === 'run_completed');
    const terminal = events.at(-1);
    expect(terminal?.payload).toEqual(completed?.payload);
  });

  it('returns a summary of the run and every task', async () => {
    const s = await runScenario(
      makeJob(chain('a', 'b'), { alias: 'etl' }),
      { a: { delayMs: 1500, logs: ['hello'] } },
      { params: { day: 'mon' } },
    );
    expect(s.summary).toMatchObject({ jobAlias: 'etl', status: 'succeeded', error: null, params: { day: 'mon' } });
    expect(s.summary.durationMs).toBe(1500);
    expect(s.task('a')).toMatchObject({
      name: 'a',
      status: 'succeeded',
      attempt: 1,
      maxAttempts: 1,
      result: 'success',
      exitCode: 0,
      error: null,
      output: {},
      branchSelections: [],
      schemaViolations: [],
      warnings: [],
      durationMs: 1500,
      cacheHit: false,
      startedAt: '2026-01-01T00:00:00.000Z',
      completedAt: '2026-01-01T00:00:01.500Z',
    });
    expect(s.summary.tasks.map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('carries the task-run JSON in task events', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }], { alias: 'etl', labels: { team: 'data' } }));
    const done = s.lifecycle().find((e) => e.type === 'task_succeeded');
    expect(done?.taskId).toBe(s.task('a').taskId);
    expect(done?.payload).toMatchObject({
      id: s.task('a').id,
      job_run_id: s.summary.runId,
      task_id: s.task('a').taskId,
      name: 'a',
      job_alias: 'etl',
      job_labels: { team: 'data' },
      engine: 'docker',
      image: 'alpine:3',
      command: ['true'],
      status: 'succeeded',
      result: 'success',
      exit_code: 0,
      runtime_id: 'fake-1',
      claimed_by: 'local',
    });
  });

  it('starts with run_started carrying the alias, the real task count and the trigger type (docs/decisions.md D10)', async () => {
    const s = await runScenario(makeJob(chain('a', 'b', 'c'), { alias: 'etl' }));
    const started = s.lifecycle()[0];
    expect(started?.type).toBe('run_started');
    expect(started?.payload).toEqual({
      id: s.summary.runId,
      job_id: s.summary.jobId,
      job_alias: 'etl',
      status: 'running',
      started_at: s.summary.startedAt,
      tasks: [],
      total_tasks: 3, // no trigger_type: no trigger fired this run (the job's trigger is cron)
    });
  });

  it('names in every task payload the engine the task runs on: --engine wins over the step', async () => {
    const job = makeJob([
      { name: 'a', engine: 'podman' },
      { name: 'b', dependsOn: ['a'] },
    ]);
    job.steps[1]!.command = undefined;
    const own = await runScenario(job, { a: { exitCode: 1 } });
    const engines = (s: typeof own): string[] =>
      s
        .lifecycle()
        .flatMap((e) => (e.payload !== undefined && 'engine' in e.payload ? [`${e.type}:${e.payload.name}:${e.payload.engine}`] : []));
    expect(engines(own)).toEqual(['task_started:a:podman', 'task_failed:a:podman', 'task_skipped:b:docker']);
    const skipped = own.lifecycle().find((e) => e.type === 'task_skipped');
    expect(skipped?.payload).toMatchObject({ image: 'alpine:3' });
    expect(skipped?.payload).not.toHaveProperty('command');
    const overridden = await runScenario(job, {}, { engineOverride: 'local' });
    expect(engines(overridden)).toEqual([
      'task_started:a:local',
      'task_succeeded:a:local',
      'task_started:b:local',
      'task_succeeded:b:local',
    ]);
    const end = overridden.lifecycle().find((e) => e.type === 'run_completed');
    expect(end?.type === 'run_completed' && end.payload.tasks.map((t) => t.engine)).toEqual(['local', 'local']);
  });

  it('publishes every log line live and saves the snapshot', async () => {
    const s = await runScenario(makeJob([{ name: 'a' }]), { a: { logs: ['out 1', { stream: 'stderr', text: 'err 1' }] } });
    const logs = s.events.filter((e) => e.type === 'task_log');
    expect(logs.map((e) => [e.stream, e.text, e.name, e.attempt, e.sequence])).toEqual([
      ['stdout', 'out 1', 'a', 1, 0],
      ['stderr', 'err 1', 'a', 1, 0],
    ]);
    expect(await s.store.logs.get(s.task('a').id)).toEqual({ text: 'out 1\nerr 1\n', truncated: false });
  });

  it('keeps at most 1 MiB of the log snapshot, head and tail cut at line boundaries, and marks it truncated', async () => {
    const line = 'x'.repeat(1023);
    const s = await runScenario(makeJob([{ name: 'a' }]), { a: { logs: Array.from({ length: 1100 }, () => line) } });
    const snapshot = await s.store.logs.get(s.task('a').id);
    expect(snapshot?.truncated).toBe(true);
    expect(snapshot?.text.length).toBeLessThanOrEqual(1_048_576);
    expect(snapshot?.text.startsWith(`${line}\n`)).toBe(true);
    expect(snapshot?.text.endsWith(`${line}\n`)).toBe(true);
    expect(snapshot?.text).toMatch(/dropped here/);
    expect(s.task('a').status).toBe('succeeded');
  });

  it('injects CAESIUM_* variables: run, alias, params and direct predecessor outputs only', async () => {
    const job = makeJob(
      [
        { name: 'extract-v1' },
        { name: 'load.data', dependsOn: ['extract-v1'], env: { OWN: '1', CAESIUM_PARAM_DAY: 'step' } },
        { name: 'c', dependsOn: ['load.data'] },
      ],
      {
        alias: 'etl',
        defaultParams: { day: 'sun', 'my-key': 'd' },
      },
    );
    const s = await runScenario(
      job,
      {
        'extract-v1': { logs: ['##caesium::output {"row-count": 10, "path.out": "/tmp/x"}'] },
        'load.data': { logs: ['##caesium::output {"loaded": true}'] },
      },
      { params: { day: 'mon' }, env: { BASE: 'b', OWN: 'base' } },
    );
    expect(s.runtime.launchOf('load.data').env).toEqual({
      BASE: 'b',
      OWN: '1',
      CAESIUM_RUN_ID: s.summary.runId,
      CAESIUM_JOB_ALIAS: 'etl',
      CAESIUM_PARAM_DAY: 'mon',
      'CAESIUM_PARAM_MY-KEY': 'd',
      CAESIUM_OUTPUT_EXTRACT_V1_ROW_COUNT: '10',
      CAESIUM_OUTPUT_EXTRACT_V1_PATH_OUT: '/tmp/x',
    });
    const env = s.runtime.launchOf('c').env;
    expect(env.CAESIUM_OUTPUT_LOAD_DATA_LOADED).toBe('true');
    expect(Object.keys(env).filter((k) => k.startsWith('CAESIUM_OUTPUT_EXTRACT'))).toEqual([]);
  });

  it('launches with the step definition, labels and the engine override', async () => {
    const s = await runScenario(makeJob([{ name: 'a', engine: 'podman' }]), {}, { engineOverride: 'local' });
    expect(s.runtime.launchOf('a').engine).toBe('local');
    expect(s.runtime.launchOf('a')).toMatchObject({
      runId: s.summary.runId,
      taskRunId: s.task('a').id,
      jobAlias: 'test-job',
      stepName: 'a',
      attempt: 1,
      image: 'alpine:3',
      command: ['true'],
      labels: { 'caesium.run-id': s.summary.runId, 'caesium.task': 'a', 'caesium.task-run-id': s.task('a').id, 'caesium.job': 'test-job' },
    });
  });

  it('never fails a run because the event sink throws', async () => {
    const s = await runScenario(
      makeJob(chain('a', 'b')),
      {},
      {
        onEvent: () => {
          throw new Error('broken reporter');
        },
      },
    );
    expect(s.summary.status).toBe('succeeded');
  });

  it('runs an already applied version by job id, with ids from the injected generator', async () => {
    const store = await createMemoryStore();
    const job = makeJob(chain('a', 'b'));
    const applied = await store.jobs.apply(job, { appliedAt: '2026-01-01T00:00:00.000Z' });
    const clock = new FakeClock();
    const runtime = new FakeRuntime(clock);
    let n = 0;
    const summary = await runJob(
      job,
      { store, clock, runtimes: () => Promise.resolve(runtime), events: () => undefined, ids: () => `id-${++n}` },
      { maxParallel: 2, signal: new AbortController().signal, jobId: applied.job.id },
    );
    expect(summary).toMatchObject({ status: 'succeeded', jobId: applied.job.id, runId: 'id-1' });
    expect(summary.tasks.map((t) => t.id)).toEqual(['id-2', 'id-3']);
    expect((await store.jobs.current('test-job'))?.version).toBe(1);
  });

  it('fails a run of a job without steps', async () => {
    const s = await runScenario(makeJob([]));
    expect(s.summary.status).toBe('failed');
    expect(s.summary.error).toBe(`job ${s.summary.jobId} has no tasks`);
    expect(s.lifecycle().map((e) => e.type)).toEqual(['run_started', 'run_failed', 'run_terminal']);
  });

  it('fails a run whose tasks can never become ready (a cycle the validator would reject)', async () => {
    const s = await runScenario(makeJob([{ name: 'r' }, { name: 'x', dependsOn: ['y'] }, { name: 'y', dependsOn: ['x'] }]));
    expect(statuses(s.summary)).toEqual({ r: 'succeeded', x: 'skipped', y: 'skipped' });
    expect(s.summary).toMatchObject({ status: 'failed', error: `task "x" never became ready (verify DAG configuration)` });
    const only = await runScenario(
      makeJob([
        { name: 'x', dependsOn: ['y'] },
        { name: 'y', dependsOn: ['x'] },
      ]),
    );
    expect(only.summary.error).toBe(`job ${only.summary.jobId} has no runnable tasks (verify DAG configuration)`);
    expect(only.runtime.launches).toEqual([]);
  });
});
