/**
 * One run's JSON with many tasks: `task_limit`/`task_offset` answer a page of
 * its tasks (in the order the run lists them) with the full count in a header;
 * without them every task is there, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type TestServer } from './support/in-process.js';

describe('GET /v1/jobs/:id/runs/:run_id with task paging', () => {
  let server: TestServer;
  let path: string;
  beforeAll(async () => {
    server = await startTestServer();
    const steps = Array.from({ length: 5 }, (_, i) => ({ name: `s${i}`, engine: 'local', command: ['true'] }));
    const applied = await server.call('POST', '/v1/jobdefs/apply', { definitions: [definition('paged', steps)] });
    const jobId = applied.json.jobs[0].id as string;
    const started = await server.call('POST', `/v1/jobs/${jobId}/run`);
    path = `/v1/jobs/${jobId}/runs/${started.json.id as string}`;
    await waitFor(async () => ((await server.call('GET', path)).json.status === 'succeeded' ? true : undefined));
  });
  afterAll(() => server.close());

  it('answers every task without paging, and a page with the count when asked', async () => {
    const all = await server.call('GET', path);
    expect(all.json.tasks).toHaveLength(5);
    expect(all.headers.get('x-caesium-task-count')).toBeNull();
    const page = await server.call('GET', `${path}?task_limit=2&task_offset=1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-caesium-task-count')).toBe('5');
    expect(page.json.tasks.map((t: { id: string }) => t.id)).toEqual(all.json.tasks.slice(1, 3).map((t: { id: string }) => t.id));
    expect(page.json.total_tasks).toBe(5);
  });

  it('refuses a bad page size with the allowed range', async () => {
    const bad = await server.call('GET', `${path}?task_limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('task_limit must be a whole number between 1 and 1000; got "0"');
  });
});
