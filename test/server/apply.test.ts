import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definition, startTestServer, type TestServer } from './support/in-process.js';

describe('POST /v1/jobdefs/apply', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer();
  });
  afterEach(async () => {
    await s.close();
  });

  it('applies a batch and keeps job ids stable across re-applies', async () => {
    const first = await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('a'), definition('b')] });
    expect(first.status).toBe(200);
    expect(first.json.applied).toBe(2);
    const changed = definition('a', [{ name: 'other', engine: 'local', command: ['true'] }]);
    const again = await s.call('POST', '/v1/jobdefs/apply', { definitions: [changed] });
    expect(again.json.jobs[0]).toMatchObject({ id: first.json.jobs[0].id, alias: 'a', version: 2, changed: true });
    const tasks = await s.call('GET', `/v1/jobs/${first.json.jobs[0].id}/tasks`);
    expect(tasks.json.map((t: { name: string }) => t.name)).toEqual(['other']);
  });

  it('takes durations as integer nanoseconds and reports them back', async () => {
    const def = definition('timed', [{ name: 's', engine: 'local', command: ['true'], retries: 1, retryDelay: 1_500_000_000 }], {
      taskTimeout: 90_000_000_000,
    });
    const res = await s.call('POST', '/v1/jobdefs/apply', { definitions: [def] });
    expect(res.status).toBe(200);
    const job = await s.call('GET', `/v1/jobs/${res.json.jobs[0].id}`);
    expect(job.json.task_timeout).toBe(90_000_000_000);
    const tasks = await s.call('GET', `/v1/jobs/${res.json.jobs[0].id}/tasks`);
    expect(tasks.json[0].retry_delay).toBe(1_500_000_000);
  });

  it('applies none of a batch with one invalid definition (docs/decisions.md D12), naming the field', async () => {
    const bad = definition('bad', [{ name: 'x', engine: 'docker' }]);
    const res = await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('good'), bad] });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('definition bad: steps[0].image is required');
    expect(res.json.errors[0]).toMatchObject({ definition: 'bad', field: 'steps[0].image' });
    expect((await s.call('GET', '/v1/jobs')).json).toEqual([]);
  });

  it('rolls the whole batch back when a later definition conflicts (409)', async () => {
    await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('owned')], provenance: { source_id: 'repo-a' } });
    const res = await s.call('POST', '/v1/jobdefs/apply', {
      definitions: [definition('fresh'), definition('owned')],
      provenance: { source_id: 'repo-b' },
    });
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(/^job definition provenance conflict: owned was applied from source "repo-a"/);
    const aliases = (await s.call('GET', '/v1/jobs')).json.map((j: { alias: string }) => j.alias);
    expect(aliases).toEqual(['owned']);
    const forced = await s.call('POST', '/v1/jobdefs/apply', {
      definitions: [definition('owned')],
      provenance: { source_id: 'repo-b' },
      force: true,
    });
    expect(forced.status).toBe(200);
  });

  it('prunes only jobs applied from the same provenance source', async () => {
    await s.call('POST', '/v1/jobdefs/apply', {
      definitions: [definition('a1'), definition('a2')],
      provenance: { source_id: 'a', repo: 'git@x:a' },
    });
    await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('b1')], provenance: { source_id: 'b' } });
    await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('free')] });
    const res = await s.call('POST', '/v1/jobdefs/apply', { definitions: [definition('a1')], provenance: { source_id: 'a' }, prune: true });
    expect(res.json.pruned).toEqual(['a2']);
    const aliases = (await s.call('GET', '/v1/jobs')).json.map((j: { alias: string }) => j.alias);
    expect(aliases).toEqual(['a1', 'b1', 'free']);
  });

  it.each([
    [undefined, 'definitions are required'],
    [{}, 'definitions is required'],
    [{ definitions: [] }, 'definitions are required'],
    [{ definitions: [definition('x')], force: 'yes' }, 'force must be boolean'],
    [
      { definitions: [definition('x')], provenance: { repo: 'r' } },
      'provenance.source_id is required when any other provenance field is set',
    ],
    [{ definitions: [definition('x')], prune: true }, 'prune requires provenance.source_id'],
    [
      { definitions: [definition('x', [{ name: 's', engine: 'local', command: ['true'], retryDelay: -1 }])] },
      'steps[0].retryDelay must be a whole number of nanoseconds',
    ],
    [{ definitions: [definition('x'), definition('x')] }, 'duplicate job alias "x"'],
    ['{not json', 'invalid JSON body'],
  ])('answers 400 for %j', async (body, message) => {
    const res = await s.call('POST', '/v1/jobdefs/apply', body);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain(message);
  });

  it('lints definitions without applying them', async () => {
    const res = await s.call('POST', '/v1/jobdefs/lint', { definitions: [definition('ok'), definition('bad', [{ name: 'x' }])] });
    expect(res.status).toBe(200);
    expect(res.json.errors.map((e: { message: string }) => e.message)).toContain('definition bad: steps[0].image is required');
    expect((await s.call('POST', '/v1/jobdefs/lint', { definitions: [] })).json.errors).toEqual([{ message: 'No job definitions found' }]);
    expect((await s.call('GET', '/v1/jobs')).json).toEqual([]);
  });
});
