import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, type TestServer } from './support/in-process.js';
import type { RunJson } from '../../src/api/index.js';

const RUNS = 10_000;

describe('GET /v1/jobs/:id/runs with 10,000 runs', () => {
  let s: TestServer;
  let jobId: string;
  beforeAll(async () => {
    s = await startTestServer();
    const steps = [1, 2, 3].map((i) => ({ name: `s${i}`, engine: 'local', command: ['true'] }));
    jobId = (await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('big', steps)] })).json.jobs[0].id;
    const version = (await s.store.jobs.current('big'))!;
    const tasks = await s.store.jobs.tasks(version.id);
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let chunk = 0; chunk < RUNS; chunk += 1000) {
      await s.store.transaction(async (tx) => {
        for (let i = chunk; i < chunk + 1000; i++) {
          const run = await tx.runs.create({
            id: `r-${String(i).padStart(5, '0')}`,
            jobId: version.id,
            params: {},
            startedAt: new Date(base + i * 1000).toISOString(),
          });
          await tx.taskRuns.createMany(
            run.id,
            tasks.map((t) => ({ taskId: t.id, name: t.name, position: t.position, maxAttempts: 1, outstandingPredecessors: 0 })),
          );
        }
      });
    }
  }, 120_000);
  afterAll(async () => {
    await s.close();
  });

  it('pages newest first with every task run, without a query per run', async () => {
    await s.call('GET', `/v1/jobs/${jobId}/runs?limit=50`); // warm up
    const began = performance.now();
    const first = await s.call('GET', `/v1/jobs/${jobId}/runs?limit=50`);
    const firstMs = performance.now() - began;
    expect(first.json).toHaveLength(50);
    expect(first.json[0].id).toBe('r-09999');
    expect(first.json[49].id).toBe('r-09950');
    expect(first.json.every((r: RunJson) => r.tasks.length === 3)).toBe(true);
    const last = await s.call('GET', `/v1/jobs/${jobId}/runs?limit=50&offset=9990`);
    expect(last.json.map((r: RunJson) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r-${String(9 - i).padStart(5, '0')}`));
    // Not a timed assertion of speed, only a guard against a per-run query loop (which takes seconds here).
    expect(firstMs).toBeLessThan(2000);
  });
});
