import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaesiumClient, ClientError } from '../../src/client/index.js';
import { definition, startTestServer, type TestServer } from '../server/support/in-process.js';

describe('CaesiumClient', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('applies, finds a job by alias, starts a run and reads it back', async () => {
    const client = new CaesiumClient({ baseUrl: s.url });
    expect((await client.health()).status).toBe('healthy');
    const applied = await client.apply({ definitions: [definition('c') as never] });
    const [job] = await client.listJobs({ alias: 'c' });
    expect(job!.id).toBe(applied.jobs[0]!.id);
    const run = await client.startRun(job!.id, { params: { a: '1' } });
    expect(run.params).toEqual({ a: '1' });
    expect((await client.getRun(job!.id, run.id)).id).toBe(run.id);
    expect((await client.listRuns(job!.id, { limit: 1 })).map((r) => r.id)).toEqual([run.id]);
  });

  it('rejects with an http ClientError carrying the status and the server message', async () => {
    const client = new CaesiumClient({ baseUrl: s.url });
    const error = await client.getJob('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ kind: 'http', status: 404, serverMessage: 'job 00000000-0000-4000-8000-000000000000 not found' });
  });

  it('names the URL when the server cannot be reached', async () => {
    const client = new CaesiumClient({ baseUrl: 'http://127.0.0.1:9' });
    const error = await client.health().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unreachable', message: 'cannot reach the caesium server at http://127.0.0.1:9 (ECONNREFUSED)' });
  });
});
