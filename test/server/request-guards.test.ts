/**
 * Safe defaults against an in-process server over real HTTP: a web page
 * cannot apply a job (text/plain is 415, a foreign Origin 403), CORS only for
 * listed origins, bodies past CAESIUM_MAX_BODY_SIZE are 413 with the limit,
 * deep nesting is a 400, unknown methods 405 with Allow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { definition, startTestServer, type TestServer } from './support/in-process.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${server!.url}${path}`, { method: 'POST', body, headers }).then(async (r) => ({
    status: r.status,
    text: await r.text(),
    headers: r.headers,
  }));

describe('request guards', () => {
  it('refuses the requests a web page can send: text/plain bodies and foreign origins', async () => {
    server = await startTestServer();
    const body = JSON.stringify({ definitions: [definition('csrf')] });
    const plain = await post('/v1/jobdefs/apply', body, { 'content-type': 'text/plain' });
    expect([plain.status, JSON.parse(plain.text).message]).toEqual([415, 'Content-Type must be application/json; got "text/plain"']);
    const foreign = await post('/v1/jobdefs/apply', body, { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.text).message).toContain('cross-origin request refused: Origin https://evil.example');
    expect((await server.call('GET', '/v1/jobs')).json).toEqual([]);
    const same = await post('/v1/jobdefs/apply', body, { 'content-type': 'application/json', origin: server.url });
    expect(same.status).toBe(200);
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS only for the origins in CAESIUM_CORS_ORIGINS', async () => {
    server = await startTestServer({ CAESIUM_CORS_ORIGINS: 'https://ui.example' });
    const preflight = await fetch(`${server.url}/v1/jobdefs/apply`, {
      method: 'OPTIONS',
      headers: { origin: 'https://ui.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    const listed = await post('/v1/jobdefs/apply', JSON.stringify({ definitions: [definition('ui')] }), {
      'content-type': 'application/json',
      origin: 'https://ui.example',
    });
    expect(listed.status).toBe(200);
  });

  it('answers 413 with the limit past CAESIUM_MAX_BODY_SIZE, and 400 for deep nesting', async () => {
    server = await startTestServer({ CAESIUM_MAX_BODY_SIZE: '1KB' });
    const big = await post('/v1/jobdefs/lint', JSON.stringify({ definitions: [{ pad: 'x'.repeat(2000) }] }), {
      'content-type': 'application/json',
    });
    expect([big.status, JSON.parse(big.text).message]).toEqual([
      413,
      'request body too large: the limit is 1000 bytes (CAESIUM_MAX_BODY_SIZE)',
    ]);
    await server.close();
    server = await startTestServer();
    const deep = await post('/v1/jobdefs/apply', `{"definitions":${'['.repeat(200_000)}${']'.repeat(200_000)}}`, {
      'content-type': 'application/json',
    });
    expect([deep.status, JSON.parse(deep.text).message]).toEqual([400, 'invalid JSON body: nested deeper than 64 levels']);
  });

  it('answers 405 with Allow for an unknown method on a known path', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/v1/jobs`, { method: 'DELETE' });
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await fetch(`${server.url}/v1/nothing-here`)).status).toBe(404);
  });
});
