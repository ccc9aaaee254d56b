/**
 * A run waiting for a run-pool slot (CAESIUM_MAX_ACTIVE_RUNS=1) is shown
 * `queued` with its place in REST, in `caesium run get` and in a `run_queued`
 * event; cancelling it while it waits ends it without starting anything and
 * moves the next one up. In-process server, memory store, local engine.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { openSse } from './support/sse-reader.js';

describe('queued runs', () => {
  let server: TestServer;
  let dir: string;
  let gate: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-queued-'));
    gate = join(dir, 'gate');
    server = await startTestServer({ CAESIUM_MAX_ACTIVE_RUNS: '1' });
  });
  afterAll(async () => {
    if (!existsSync(gate)) writeFileSync(gate, '');
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows queued with a position, records run_queued, and cancels a waiting run without running it', async () => {
    const applied = await server.call('POST', '/v1/jobdefs/apply', {
      definitions: [
        definition('gated', [{ name: 'wait', engine: 'local', command: ['sh', '-c', `while [ ! -e "${gate}" ]; do sleep 0.05; done`] }]),
      ],
    });
    const jobId = applied.json.jobs[0].id as string;
    const start = async (): Promise<Json> => (await server.call('POST', `/v1/jobs/${jobId}/run`)).json;
    const first = await start();
    expect(first.status).toBe('running');
    const second = await start();
    const third = await start();
    expect([second.status, second.queue_position, third.status, third.queue_position]).toEqual(['queued', 1, 'queued', 2]);
    const get = async (run: Json): Promise<Json> => (await server.call('GET', `/v1/jobs/${jobId}/runs/${run.id as string}`)).json;
    expect(await get(third)).toMatchObject({ status: 'queued', queue_position: 2 });

    const sse = await openSse(`${server.url}/v1/events?run_id=${third.id as string}&types=run_queued&cursor=0`);
    expect((await sse.next()).data.payload).toEqual({
      id: third.id,
      job_id: jobId,
      job_alias: 'gated',
      status: 'queued',
      queue_position: 2,
    });
    await sse.close();

    const cli = await runCli(['run', 'get', '--server', server.url, '--job-id', 'gated', '--run-id', third.id as string]);
    expect(cli.stdout.split('\n')[0]).toBe(`Run ${third.id as string} (gated): queued #2  started ${third.started_at as string}  waiting`);

    const cancelled = await server.call('POST', `/v1/jobs/${jobId}/runs/${second.id as string}/cancel`, { by: 'carol' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelled_by: 'carol' });
    expect(cancelled.json.tasks).toMatchObject([{ name: 'wait', status: 'cancelled' }]);
    expect(cancelled.json.tasks[0].started_at).toBeUndefined();
    expect(await get(third)).toMatchObject({ status: 'queued', queue_position: 1 });
    expect((await get(first)).status).toBe('running');

    writeFileSync(gate, '');
    for (const run of [first, third]) {
      await waitFor(async () => ((await get(run)).status === 'succeeded' ? true : undefined), 15_000);
    }
    expect(await get(third)).not.toHaveProperty('queue_position');
  });
});
