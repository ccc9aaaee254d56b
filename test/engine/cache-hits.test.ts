/** Cache hits in the engine (docs/decisions.md §3.3): no runtime, restored outputs, successors advance as after success. */
import { describe, expect, it } from 'vitest';
import { CacheBench, statusesOf, withCache } from '../cache/engine-runs.js';
import { MemoryTaskCache } from '../cache/memory-task-cache.js';
import { chain, makeJob } from './support/job.js';

const OUT = {
  a: { logs: ['working', '##caesium::output {"rows": 3, "name": "x"}'], delayMs: 1000 },
  b: { logs: ['##caesium::output {"sum": 6}'] },
};

describe('task cache hits', () => {
  it('runs nothing on the second run: status cached, outputs restored, successors fed', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(chain('a', 'b', 'c')), true);
    const first = await bench.run(job, OUT);
    expect(statusesOf(first)).toEqual({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
    expect(first.misses).toEqual(['test-job/a', 'test-job/b', 'test-job/c']);
    expect((bench.cache as MemoryTaskCache).puts.map((p) => p.taskName)).toEqual(['a', 'b', 'c']);

    const second = await bench.run(job, OUT);
    expect(second.runtime.launches).toEqual([]);
    expect(second.misses).toEqual([]);
    expect(statusesOf(second)).toEqual({ a: 'cached', b: 'cached', c: 'cached' });
    expect(second.summary.status).toBe('succeeded');
    expect(second.task('a')).toMatchObject({
      cacheHit: true,
      output: { rows: '3', name: 'x' },
      result: 'success',
      startedAt: null,
      error: null,
    });
    expect(second.task('b').output).toEqual({ sum: '6' });
    // No logs, no snapshot, no task_started for a hit.
    expect(second.events.filter((e) => e.type === 'task_log')).toEqual([]);
    expect(await second.store.logs.get(second.task('a').id)).toBeUndefined();
    const types = second.lifecycle().map((e) => `${e.type}${e.type.startsWith('task_') ? ` ${(e.payload as { name: string }).name}` : ''}`);
    expect(types).toEqual([
      'run_started',
      'task_ready a',
      'task_claimed a',
      'task_cached a',
      'task_ready b',
      'task_claimed b',
      'task_cached b',
      'task_ready c',
      'task_claimed c',
      'task_cached c',
      'run_completed',
      'run_terminal',
    ]);
  });

  it('puts the origin of the result in the task_cached payload and counts hits on the run', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob([{ name: 'a' }]), { ttl: '2h' });
    const first = await bench.run(job, OUT);
    const second = await bench.run(job, OUT);
    const cached = second.lifecycle().find((e) => e.type === 'task_cached');
    const stored = (bench.cache as MemoryTaskCache).puts[0]!;
    expect(cached?.payload).toMatchObject({
      id: second.task('a').id,
      status: 'cached',
      cache_hit: true,
      output: { rows: '3', name: 'x' },
      cache_hash: stored.hash,
      cache_origin_run_id: first.summary.runId,
      cache_origin_task_run_id: first.task('a').id,
      cache_created_at: stored.createdAt,
      cache_expires_at: new Date(Date.parse(stored.createdAt) + 2 * 3_600_000).toISOString(),
    });
    expect(stored).toMatchObject({
      jobAlias: 'test-job',
      jobId: first.summary.jobId,
      runId: first.summary.runId,
      taskRunId: first.task('a').id,
      result: 'success',
    });
    const end = second.lifecycle().find((e) => e.type === 'run_completed');
    expect(end?.payload).toMatchObject({ cache_hits: 1, executed_tasks: 0, total_tasks: 1 });
  });

  it('counts cached as success for trigger rules and runs uncached successors with the restored outputs', async () => {
    const bench = new CacheBench();
    const steps = [
      { name: 'a' },
      { name: 'b', dependsOn: ['a'] },
      { name: 'c', dependsOn: ['a'], triggerRule: 'all_failed' as const },
      { name: 'd', dependsOn: ['a'], triggerRule: 'one_success' as const },
    ];
    const job = withCache(makeJob(steps), undefined, { a: true });
    await bench.run(job, OUT);
    const second = await bench.run(job, OUT);
    expect(statusesOf(second)).toEqual({ a: 'cached', b: 'succeeded', c: 'skipped', d: 'succeeded' });
    expect(second.runtime.launchOf('b').env.CAESIUM_OUTPUT_A_ROWS).toBe('3');
    expect(second.runtime.launches.map((l) => l.stepName).sort()).toEqual(['b', 'd']);
    expect(second.misses).toEqual([]); // b and d are not cacheable: neither hit nor miss
  });

  it('enables the cache from the environment layer, and a step can turn it off', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(chain('a', 'b')), undefined, { b: false });
    const defaults = { enabled: true, ttlMs: 0, pinDigests: false, digestTtlMs: 0 };
    await bench.run(job, OUT, { cacheDefaults: defaults });
    const second = await bench.run(job, OUT, { cacheDefaults: defaults });
    expect(statusesOf(second)).toEqual({ a: 'cached', b: 'succeeded' });
    expect(second.misses).toEqual([]);
    const third = await bench.run(job, OUT); // default layer: disabled
    expect(statusesOf(third)).toEqual({ a: 'succeeded', b: 'succeeded' });
  });

  it('treats a failing cache as a miss with a warning; the run still succeeds', async () => {
    const cache = new MemoryTaskCache();
    const bench = new CacheBench(cache);
    cache.failWith = new Error('disk I/O error');
    const run = await bench.run(withCache(makeJob([{ name: 'a' }]), true), OUT);
    expect(run.summary.status).toBe('succeeded');
    expect(run.task('a').warnings).toEqual([
      'task cache lookup failed, running the task: disk I/O error',
      'task cache store failed: disk I/O error',
    ]);
    const system = run.events.flatMap((e) => (e.type === 'task_log' && e.stream === 'system' ? [e.text] : []));
    expect(system).toEqual([
      'caesium: task cache lookup failed, running the task: disk I/O error',
      'caesium: task cache store failed: disk I/O error',
    ]);
  });
});
