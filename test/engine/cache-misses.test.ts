/** Misses, expiry, what is stored, `noCache`, and how changed inputs travel downstream (docs/decisions.md §3.3). */
import { describe, expect, it } from 'vitest';
import { CacheBench, statusesOf, withCache, withStep } from '../cache/engine-runs.js';
import { MemoryTaskCache } from '../cache/memory-task-cache.js';
import { chain, makeJob } from './support/job.js';

const HOUR = 3_600_000;
const A_OUT = { a: { logs: ['##caesium::output {"rows": 3}'], delayMs: 10 } };

describe('task cache misses and stores', () => {
  it('honours expiry on the injected clock; ttl 0 never expires', async () => {
    const bench = new CacheBench();
    const hourly = withCache(makeJob([{ name: 'a' }]), { ttl: '1h' });
    await bench.run(hourly, A_OUT);
    await bench.clock.wait(HOUR - 60_000);
    expect(statusesOf(await bench.run(hourly, A_OUT))).toEqual({ a: 'cached' });
    await bench.clock.wait(60_000);
    const late = await bench.run(hourly, A_OUT);
    expect(statusesOf(late)).toEqual({ a: 'succeeded' });
    expect(late.misses).toEqual(['test-job/a']);

    const forever = withCache(makeJob([{ name: 'a' }], { alias: 'forever' }), { ttl: '0s' });
    await bench.run(forever, A_OUT);
    const entry = (bench.cache as MemoryTaskCache).puts.at(-1)!;
    expect(entry.expiresAt).toBeNull();
    await bench.clock.wait(1000 * 24 * HOUR);
    expect(statusesOf(await bench.run(forever, A_OUT))).toEqual({ a: 'cached' });
  });

  it('stores only successful executions (a retried task once it succeeded)', async () => {
    const cache = new MemoryTaskCache();
    const bench = new CacheBench(cache);
    const job = withCache(makeJob([{ name: 'a', retries: 1 }, { name: 'b' }]), true);
    const first = await bench.run(job, {
      a: [{ startError: 'no such image' }, { logs: ['##caesium::output {"k": "v"}'] }],
      b: { exitCode: 2 },
    });
    expect(statusesOf(first)).toEqual({ a: 'succeeded', b: 'failed' });
    expect(first.task('a').attempt).toBe(2);
    expect(cache.puts.map((p) => p.taskName)).toEqual(['a']);
    expect(first.misses).toEqual(['test-job/a', 'test-job/b']); // one lookup per task run, not per attempt
    const second = await bench.run(job, { b: { exitCode: 2 } });
    expect(statusesOf(second)).toEqual({ a: 'cached', b: 'failed' });
    expect(second.task('a').output).toEqual({ k: 'v' });
  });

  it('noCache bypasses lookups and stores', async () => {
    const cache = new MemoryTaskCache();
    const bench = new CacheBench(cache);
    const job = withCache(makeJob(chain('a', 'b')), true);
    await bench.run(job, A_OUT);
    const puts = cache.puts.length;
    const gets = cache.gets.length;
    const bypass = await bench.run(job, A_OUT, { noCache: true });
    expect(statusesOf(bypass)).toEqual({ a: 'succeeded', b: 'succeeded' });
    expect(bypass.misses).toEqual([]);
    expect([cache.gets.length, cache.puts.length]).toEqual([gets, puts]);
  });

  it('misses when params change, and every run scope stays out of the key', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(chain('a', 'b')), true);
    await bench.run(job, A_OUT, { params: { day: '1' } });
    expect(statusesOf(await bench.run(job, A_OUT, { params: { day: '1' } }))).toEqual({ a: 'cached', b: 'cached' });
    expect(statusesOf(await bench.run(job, A_OUT, { params: { day: '2' } }))).toEqual({ a: 'succeeded', b: 'succeeded' });
  });

  it('re-runs successors when a predecessor output changes', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(chain('a', 'b', 'c')), undefined, { b: true, c: true });
    await bench.run(job, A_OUT);
    const same = await bench.run(job, A_OUT);
    expect(statusesOf(same)).toEqual({ a: 'succeeded', b: 'cached', c: 'cached' });
    const changed = await bench.run(job, { a: { logs: ['##caesium::output {"rows": 4}'] } });
    expect(statusesOf(changed)).toEqual({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
  });

  it('feeds predecessor hashes downstream: a changed step re-runs what follows it', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(chain('a', 'b', 'c')), true);
    await bench.run(job, {});
    const edited = withStep(job, 'a', { command: ['echo', 'changed'] });
    const run = await bench.run(edited, {});
    expect(statusesOf(run)).toEqual({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
    expect(statusesOf(await bench.run(edited, {}))).toEqual({ a: 'cached', b: 'cached', c: 'cached' });
  });

  it('short-circuits on an unchanged non-empty output: successors keep their hits', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob(chain('a', 'b', 'c')), true);
    await bench.run(job, A_OUT);
    const edited = withStep(job, 'a', { command: ['echo', 'same output, new command'] });
    const run = await bench.run(edited, A_OUT);
    expect(statusesOf(run)).toEqual({ a: 'succeeded', b: 'cached', c: 'cached' });
    expect(run.shortCircuits).toEqual(['test-job/a']);
    expect(run.misses).toEqual(['test-job/a']);
  });

  it('bumps the key with cache.version, and a step object overrides the job version', async () => {
    const bench = new CacheBench();
    const job = withCache(makeJob([{ name: 'a' }, { name: 'b' }]), { version: 1 });
    await bench.run(job, {});
    expect(statusesOf(await bench.run(job, {}))).toEqual({ a: 'cached', b: 'cached' });
    const bumped = withCache(job, { version: 1 }, { b: { version: 2 } });
    expect(statusesOf(await bench.run(bumped, {}))).toEqual({ a: 'cached', b: 'succeeded' });
    const stepOn = withCache(job, { version: 1 }, { b: true });
    expect(statusesOf(await bench.run(stepOn, {}))).toEqual({ a: 'cached', b: 'cached' }); // `true` keeps the job's version
  });
});
