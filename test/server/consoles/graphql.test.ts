/**
 * `/gql` against a server started in this process over a real SQLite
 * database (docs/operator-consoles.md): the same jobs, runs, tasks and
 * triggers as the REST API, depth and cost limits, and not served in api-key mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { consoleSettingsFromEnv } from '../../../src/server/consoles.js';
import { checkLimits } from '../../../src/server/graphql/gql-limits.js';
import { definition, startTestServer, waitFor, type TestServer } from '../support/in-process.js';
import { startAuthServer } from '../support/auth-server.js';

describe('GET/POST /gql with CAESIUM_AUTH_MODE=none', () => {
  let server: TestServer;
  let jobId: string;
  let runId: string;
  const gql = (query: string, variables?: Record<string, unknown>) => server.call('POST', '/gql', { query, variables });
  beforeAll(async () => {
    server = await startTestServer();
    const steps = [
      { name: 'first', engine: 'local', command: ['sh', '-c', 'echo one'] },
      { name: 'second', engine: 'local', command: ['sh', '-c', 'echo two'], dependsOn: ['first'] },
    ];
    const applied = await server.call('POST', '/v1/jobdefs/apply', {
      definitions: [definition('gql-job', steps, { labels: { team: 'data' } })],
    });
    expect(applied.status).toBe(200);
    jobId = applied.json.jobs[0].id as string;
    const started = await server.call('POST', `/v1/jobs/${jobId}/run`, { params: { day: '2024-01-01' } });
    runId = started.json.id as string;
    await waitFor(async () => {
      const run = await server.call('GET', `/v1/jobs/${jobId}/runs/${runId}`);
      return run.json.status === 'running' ? undefined : true;
    });
  });
  afterAll(() => server.close());

  it('answers jobs with their tasks, trigger and runs, as the REST API has them', async () => {
    const { status, json } = await gql(`{
      jobs { id alias version paused labels { key value } trigger { alias type } tasks { name engine command }
             runs(limit: 5) { id status params { key value } totalTasks tasks { name status attempt } } }
    }`);
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    expect(json.data.jobs).toEqual([
      {
        id: jobId,
        alias: 'gql-job',
        version: 1,
        paused: false,
        labels: [{ key: 'team', value: 'data' }],
        trigger: { alias: 'gql-job', type: 'cron' },
        tasks: [
          { name: 'first', engine: 'local', command: ['sh', '-c', 'echo one'] },
          { name: 'second', engine: 'local', command: ['sh', '-c', 'echo two'] },
        ],
        runs: [
          {
            id: runId,
            status: 'succeeded',
            params: [{ key: 'day', value: '2024-01-01' }],
            totalTasks: 2,
            tasks: [
              { name: 'first', status: 'succeeded', attempt: 1 },
              { name: 'second', status: 'succeeded', attempt: 1 },
            ],
          },
        ],
      },
    ]);
    const rest = await server.call('GET', `/v1/jobs/${jobId}/runs/${runId}`);
    expect(rest.json.started_at).toBeDefined();
  });

  it('answers one job by id or prefix, one run, the triggers; null for unknown ones; GET works too', async () => {
    const { json } = await gql('query One($id: ID!, $run: ID!) { job(id: $id) { alias run(id: $run) { status jobAlias } } }', {
      id: jobId.slice(0, 8),
      run: runId,
    });
    expect(json.data).toEqual({ job: { alias: 'gql-job', run: { status: 'succeeded', jobAlias: 'gql-job' } } });
    expect((await gql('{ job(id: "00000000-0000-0000-0000-000000000000") { alias } }')).json.data).toEqual({ job: null });
    const triggers = await server.call('GET', `/gql?query=${encodeURIComponent('{ triggers { alias type } }')}`);
    expect(triggers).toMatchObject({ status: 200, json: { data: { triggers: [{ alias: 'gql-job', type: 'cron' }] } } });
  });

  it('refuses queries that are too deep or too expensive before running them', async () => {
    const deep = await gql('{ jobs { runs { tasks { name } } trigger { alias } } }');
    expect(deep.status).toBe(200);
    const fragmentDeep = await gql(
      '{ jobs { ...J } } fragment J on Job { runs { ...R } } fragment R on Run { tasks { ...T } } fragment T on TaskRun { name }',
    );
    expect(fragmentDeep.status).toBe(200);
    const costly = await gql('{ jobs(limit: 1000) { runs(limit: 1000) { tasks { name status } } } }');
    expect(costly).toMatchObject({
      status: 400,
      json: { errors: [{ message: expect.stringMatching(/^query is too expensive: it could read \d+ fields, at most 100000/) }] },
    });
    const viaVariable = await gql('query Q($n: Int) { jobs(limit: $n) { runs(limit: $n) { id } } }', { n: 1000 });
    expect(viaVariable.status).toBe(400);
    const withAlias = await gql('{ a: jobs { alias } b: jobs { alias } }');
    expect(withAlias.status).toBe(200);
  });

  it('answers GraphQL errors for bad documents and missing queries', async () => {
    expect(await gql('{ jobs { nope } }')).toMatchObject({
      status: 400,
      json: { errors: [{ message: 'Cannot query field "nope" on type "Job".' }] },
    });
    expect(await gql('{ jobs {')).toMatchObject({ status: 400, json: { errors: [{ message: expect.stringMatching(/^Syntax Error/) }] } });
    expect(await server.call('GET', '/gql')).toMatchObject({
      status: 400,
      json: { errors: [{ message: expect.stringMatching(/^query is required/) }] },
    });
    expect((await gql('{ jobs(limit: 0) { alias } }')).json.errors[0].message).toBe(
      'limit must be a whole number between 1 and 1000; got 0',
    );
  });

  it('rejects a query naming an operation the document lacks', async () => {
    const res = await server.call('POST', '/gql', { query: 'query A { jobs { alias } }', operationName: 'B' });
    expect(res.json.errors[0].message).toBe('Unknown operation named "B".');
  });
});

describe('/gql outside none mode', () => {
  it('is not registered unless CAESIUM_AUTH_MODE is none (the default)', () => {
    const config = { databaseType: 'memory', databasePath: '' } as const;
    expect(consoleSettingsFromEnv({}, config, false).graphql).toBe(true);
    expect(consoleSettingsFromEnv({ CAESIUM_AUTH_MODE: 'None' }, config, false).graphql).toBe(true);
    expect(consoleSettingsFromEnv({ CAESIUM_AUTH_MODE: 'api-key' }, config, false).graphql).toBe(false);
  });

  it('answers 404 with CAESIUM_AUTH_MODE=api-key, even to an admin key', async () => {
    const server = await startAuthServer({ CAESIUM_AUTH_REQUIRE_TLS: 'false' });
    try {
      expect(server.routes.some((r) => r.path === '/gql')).toBe(false);
      expect(await server.as(server.adminKey, 'GET', '/gql?query={jobs{alias}}')).toMatchObject({ status: 404 });
      expect(await server.as(server.adminKey, 'POST', '/gql', { query: '{ jobs { alias } }' })).toMatchObject({ status: 404 });
      // Without a key the answer is 401, as for any path: it does not tell whether /gql exists.
      expect(await server.as(undefined, 'GET', '/gql?query={jobs{alias}}')).toMatchObject({ status: 401 });
    } finally {
      await server.close();
    }
  });
});

describe('the limits themselves', () => {
  it('counts depth through fragments and leaves introspection out', () => {
    expect(checkLimits(parse('{ a { b { c { d { e { f { g } } } } } } }'), undefined, {})).toBe(
      'query is too deep: 7 levels of fields, at most 6 are allowed',
    );
    expect(checkLimits(parse('{ a { ...F } } fragment F on X { b { c { d { e { f { g } } } } } }'), undefined, {})).toMatch(/too deep: 7/);
    expect(
      checkLimits(parse('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }'), undefined, {}),
    ).toBeUndefined();
  });
});
