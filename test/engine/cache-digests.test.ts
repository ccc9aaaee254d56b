/**
 * `cache.pinDigests` (docs/decisions.md §3.2): the image digest the runtime
 * reports joins the identity hash, so a re-pushed tag misses; without
 * pinning the digest is never asked for.
 */
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/engine/ports/runtime.js';
import { runJob } from '../../src/engine/run-job.js';
import type { RunSummary } from '../../src/engine/run-types.js';
import type { CacheSpec } from '../../src/jobdef/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { withCache } from '../cache/engine-runs.js';
import { MemoryTaskCache } from '../cache/memory-task-cache.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeRuntime } from './support/fake-runtime.js';
import { makeJob } from './support/job.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

/** Runs of one job against one cache, on a runtime whose image digest the test sets. */
class DigestBench {
  readonly cache = new MemoryTaskCache();
  readonly clock = new FakeClock();
  digest: string | undefined = D1;
  digestFails = false;
  readonly asked: string[] = [];

  async run(cache: CacheSpec): Promise<{ summary: RunSummary; launched: number; warnings: string[] }> {
    const fake = new FakeRuntime(this.clock);
    const runtime: Runtime = {
      engine: 'docker',
      start: (task, signal) => fake.start(task, signal),
      imageDigest: (image) => {
        this.asked.push(image);
        return this.digestFails ? Promise.reject(new Error('engine hiccup')) : Promise.resolve(this.digest);
      },
    };
    const job = withCache(makeJob([{ name: 'a' }]), cache);
    const summary = await runJob(
      job,
      {
        store: await createMemoryStore(),
        clock: this.clock,
        runtimes: () => Promise.resolve(runtime),
        events: () => undefined,
        cache: this.cache,
      },
      { maxParallel: 1, signal: new AbortController().signal },
    );
    return { summary, launched: fake.launches.length, warnings: summary.tasks.flatMap((t) => t.warnings) };
  }

  hashes(): string[] {
    return this.cache.puts.map((p) => p.hash);
  }
}

describe('pinned image digests', () => {
  it('hits while the digest is unchanged; a new digest is a new hash (a miss), stored with the digest', async () => {
    const bench = new DigestBench();
    const pinned = { pinDigests: true };
    expect((await bench.run(pinned)).launched).toBe(1);
    const again = await bench.run(pinned);
    expect(again.launched).toBe(0);
    expect(again.summary.tasks[0]?.status).toBe('cached');

    bench.digest = D2; // the tag was re-pushed
    const repushed = await bench.run(pinned);
    expect(repushed.launched).toBe(1);
    expect(repushed.summary.tasks[0]?.status).toBe('succeeded');
    const [first, second] = bench.hashes();
    expect(second).not.toBe(first);
    expect(bench.cache.puts.map((p) => p.resolvedImageDigest)).toEqual([D1, D2]);
    expect(bench.asked).toEqual(['alpine:3', 'alpine:3', 'alpine:3']);
  });

  it('never asks for the digest without pinDigests, so a new digest still hits', async () => {
    const bench = new DigestBench();
    expect((await bench.run(true)).launched).toBe(1);
    bench.digest = D2;
    expect((await bench.run(true)).launched).toBe(0);
    expect(bench.asked).toEqual([]);
    expect(bench.cache.puts.map((p) => p.resolvedImageDigest)).toEqual([null]);
  });

  it('hashes without a digest, with a warning, when resolving it fails', async () => {
    const bench = new DigestBench();
    bench.digestFails = true;
    const failed = await bench.run({ pinDigests: true });
    expect(failed.launched).toBe(1);
    expect(failed.warnings.join('\n')).toContain('task cache: resolving the digest of alpine:3 failed: engine hiccup');
    expect(bench.cache.puts.map((p) => p.resolvedImageDigest)).toEqual([null]);
    // The same identity as an unpinned run: no image_digest line either way.
    expect((await bench.run(true)).launched).toBe(0);
  });
});
