import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunJson } from '../../src/api/index.js';
import { startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { openSse, type SseReader } from './support/sse-reader.js';

/** Literals that must never leave the server. */
const HOOK_SECRET = 'lit-hook-hmac-5f3a';
const NEW_HOOK_SECRET = 'lit-hook-hmac-rotated-77c1';
const AUTH_HEADER = 'Bearer lit-callback-token-9d2e';
const OTHER_HEADER = 'lit-header-value-41b0';
const LITERALS = [HOOK_SECRET, NEW_HOOK_SECRET, AUTH_HEADER, 'lit-callback-token-9d2e', OTHER_HEADER];

const REF_SECRET = 'secret://env/HOOK_KEY';
const REF_HEADER = 'secret://env/CALLBACK_TOKEN';

function hookDef(alias: string, secret: string, headers: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'http', configuration: { path: `hooks/${alias}`, secret, signatureScheme: 'hmac-sha256' } },
    // Port 9 on loopback refuses the connection: the callback fails fast, which is all the events need.
    callbacks: [{ type: 'notification', configuration: { url: 'http://127.0.0.1:9/cb', headers } }],
    steps: [{ name: 'only', engine: 'local', command: ['sh', '-c', 'echo hi'] }],
  };
}

const expectNoLiteral = (text: string): void => {
  for (const literal of LITERALS) expect(text).not.toContain(literal);
};

describe('redaction of literal secrets and callback headers (docs/security.md)', () => {
  let server: TestServer;
  let events: SseReader;
  let literalId: string;
  let refId: string;

  beforeAll(async () => {
    server = await startTestServer();
    events = await openSse(`${server.url}/v1/events`);
    const applied = await server.call('POST', '/v1/jobdefs/apply', {
      definitions: [
        hookDef('lit', HOOK_SECRET, { Authorization: AUTH_HEADER, 'X-Other': OTHER_HEADER }),
        hookDef('ref', REF_SECRET, { Authorization: REF_HEADER }),
      ],
    });
    expect(applied.status).toBe(200);
    expectNoLiteral(applied.text);
    const ids = Object.fromEntries((applied.json.jobs as Json[]).map((j) => [j.alias, j.id]));
    literalId = ids.lit;
    refId = ids.ref;
  });

  afterAll(async () => {
    await events.close();
    await server.close();
  });

  it('GET /v1/triggers and /v1/triggers/:id show *** for a literal secret and the secret:// reference as written', async () => {
    const list = await server.call('GET', '/v1/triggers');
    expect(list.status).toBe(200);
    expectNoLiteral(list.text);
    const byAlias = Object.fromEntries((list.json as Json[]).map((t) => [t.alias, t]));
    expect(JSON.parse(byAlias.lit.configuration)).toMatchObject({ secret: '***', path: 'hooks/lit' });
    expect(JSON.parse(byAlias.ref.configuration)).toMatchObject({ secret: REF_SECRET });
    const one = await server.call('GET', `/v1/triggers/${byAlias.lit.id}`);
    expect(one.status).toBe(200);
    expectNoLiteral(one.text);
    expect(JSON.parse(one.json.configuration).secret).toBe('***');
  });

  it('GET /v1/jobs and /v1/jobs/:id carry no literal', async () => {
    const list = await server.call('GET', '/v1/jobs');
    expectNoLiteral(list.text);
    const lit = await server.call('GET', `/v1/jobs/${literalId}`);
    expect(lit.status).toBe(200);
    expectNoLiteral(lit.text);
    expect(JSON.parse(lit.json.trigger.configuration).secret).toBe('***');
    const ref = await server.call('GET', `/v1/jobs/${refId}`);
    expect(JSON.parse(ref.json.trigger.configuration).secret).toBe(REF_SECRET);
  });

  it('POST /v1/jobdefs/diff says the secret changed as *** → *** and masks headers of added jobs', async () => {
    const res = await server.call('POST', '/v1/jobdefs/diff', {
      definitions: [
        hookDef('lit', NEW_HOOK_SECRET, { Authorization: AUTH_HEADER, 'X-Other': OTHER_HEADER }),
        hookDef('ref', REF_SECRET, { Authorization: REF_HEADER }),
        hookDef('new', HOOK_SECRET, { Authorization: AUTH_HEADER }),
      ],
    });
    expect(res.status).toBe(200);
    expectNoLiteral(res.text);
    expect(res.json.modified).toEqual([
      {
        alias: 'lit',
        diff: '~ trigger.configuration.secret: *** → ***',
        changes: [{ path: 'trigger.configuration.secret', kind: 'changed', before: '***', after: '***' }],
      },
    ]);
    const added = res.json.added[0];
    expect(added.trigger.configuration.secret).toBe('***');
    expect(added.callbacks[0].configuration).toEqual({ url: 'http://127.0.0.1:9/cb', headers: { Authorization: '***' } });
  });

  it('the diff shows a secret:// reference that replaced a literal as written', async () => {
    const res = await server.call('POST', '/v1/jobdefs/diff', {
      definitions: [hookDef('lit', REF_SECRET, { Authorization: REF_HEADER, 'X-Other': OTHER_HEADER })],
    });
    expectNoLiteral(res.text);
    expect(res.json.modified[0].diff).toBe(
      [
        `~ trigger.configuration.secret: *** → ${REF_SECRET}`,
        `~ callbacks[0].configuration.headers.Authorization: *** → ${REF_HEADER}`,
      ].join('\n'),
    );
  });

  it('no event of a run with a failing callback carries a literal', async () => {
    const started = await server.call('POST', `/v1/jobs/${literalId}/run`);
    expect(started.status).toBe(202);
    const run = await waitFor(async () => {
      const r = (await server.call('GET', `/v1/jobs/${literalId}/runs/${started.json.id}`)).json as RunJson;
      return r.status !== 'running' && (r.callbacks ?? []).some((c) => c.completed_at !== undefined) ? r : undefined;
    });
    await events.until((m) => m.event === 'run_terminal' && m.data.run_id === run.id);
    expect(events.raw()).toContain(run.id);
    expectNoLiteral(events.raw());
    expectNoLiteral((await server.call('GET', `/v1/jobs/${literalId}/runs/${run.id}`)).text);
  });
});
