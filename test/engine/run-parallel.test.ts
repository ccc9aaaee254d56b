import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/engine/run-context.js';
import { makeJob, type StepInput } from './support/job.js';
import { runScenario } from './support/scenario.js';

const EIGHT: StepInput[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name) => ({ name }));
const slow = Object.fromEntries(EIGHT.map((s, i) => [s.name, { delayMs: 1000 + i }]));

describe('parallelism', () => {
  it('never runs more than maxParallel tasks at once', async () => {
    const s = await runScenario(makeJob(EIGHT), slow, { maxParallel: 3 });
    expect(s.runtime.peak).toBe(3);
    expect(s.summary.status).toBe('succeeded');
    expect(s.runtime.launches.map((l) => l.stepName)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('metadata.maxParallelTasks wins over the default', async () => {
    const s = await runScenario(makeJob(EIGHT, { maxParallelTasks: 2 }), slow, { maxParallel: 8 });
    expect(s.runtime.peak).toBe(2);
  });

  it('the override (--max-parallel) wins over both', async () => {
    const s = await runScenario(makeJob(EIGHT, { maxParallelTasks: 2 }), slow, { maxParallel: 8, maxParallelOverride: 5 });
    expect(s.runtime.peak).toBe(5);
  });

  it('runs one at a time in position order with a limit of 1, across DAG levels', async () => {
    const job = makeJob([{ name: 'z' }, { name: 'y', dependsOn: ['z'] }, { name: 'x' }, { name: 'w', dependsOn: ['x'] }]);
    const s = await runScenario(job, {}, { maxParallel: 1 });
    expect(s.runtime.peak).toBe(1);
    expect(s.runtime.launches.map((l) => l.stepName)).toEqual(['z', 'y', 'x', 'w']);
  });

  it('keeps the peak under the limit in a wide DAG with retries and fan-in', async () => {
    const steps: StepInput[] = [{ name: 'root' }];
    for (let i = 0; i < 30; i++) steps.push({ name: `m${i}`, dependsOn: ['root'], retries: 1 });
    steps.push({ name: 'join', dependsOn: steps.slice(1).map((s) => s.name) });
    const scripts = Object.fromEntries(
      steps.map((s, i) => [s.name, i > 0 && i % 7 === 0 ? [{ exitCode: 1, delayMs: 5 }, { delayMs: 3 }] : { delayMs: i % 5 }]),
    );
    const s = await runScenario(makeJob(steps), scripts, { maxParallel: 4 });
    expect(s.runtime.peak).toBe(4);
    expect(s.summary.status).toBe('succeeded');
    expect(s.task('join').status).toBe('succeeded');
    expect(s.lifecycle().filter((e) => e.type === 'task_retrying')).toHaveLength(4);
  });
});

describe('resolveSettings', () => {
  const job = makeJob([{ name: 'a' }], { taskTimeoutMs: 1000, runTimeoutMs: 2000 });
  const signal = new AbortController().signal;
  it('uses the default parallelism, the job timeouts and the continue policy', () => {
    expect(resolveSettings(job, { maxParallel: 6, signal })).toMatchObject({
      maxParallel: 6,
      taskTimeoutMs: 1000,
      runTimeoutMs: 2000,
      failurePolicy: 'continue',
      workerId: 'local',
    });
  });
  it('never goes below one slot', () => {
    expect(resolveSettings(job, { maxParallel: 0, signal }).maxParallel).toBe(1);
  });
  it('lets options override timeouts, including to none', () => {
    expect(resolveSettings(job, { maxParallel: 1, signal, taskTimeoutMs: 0, runTimeoutMs: 5 })).toMatchObject({
      taskTimeoutMs: 0,
      runTimeoutMs: 5,
    });
  });
});
