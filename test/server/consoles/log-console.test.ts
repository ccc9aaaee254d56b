/**
 * The server's own log and the log console, against real server processes
 * (docs/operator-consoles.md): CAESIUM_LOG_LEVEL and CAESIUM_LOG_FORMAT shape
 * what reaches standard error, one access line per request, no credential in
 * it; `/v1/logs/*` answer 404 unless CAESIUM_LOG_CONSOLE_ENABLED=true, then
 * stream the log and change its level.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from '../support/server-process.js';
import { openSse, type SseMessage } from '../support/sse-reader.js';

let dir: string;
let count = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caesium-logs-'));
});
afterAll(async () => {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
  expect(liveServers()).toBe(0);
});

const start = (env: Record<string, string> = {}): Promise<ServerProcess> =>
  spawnServer({ CAESIUM_DATABASE_PATH: join(dir, `db-${++count}`, 'caesium.db'), ...env });

async function call(url: string, method = 'GET', body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** The JSON lines of the server's standard error (the startup and shutdown lines are plain text). */
const jsonLines = (server: ServerProcess): Json[] =>
  server
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l): unknown => JSON.parse(l));

const isRequest = (path: string) => (m: SseMessage) => m.data.msg === 'request' && m.data.fields?.path === path;

describe('the server log (CAESIUM_LOG_LEVEL, CAESIUM_LOG_FORMAT)', () => {
  it('writes one JSON access line per request by default, without the Authorization header or the query string', async () => {
    const server = await start();
    const res = await fetch(`${server.url}/v1/jobs?api_key=query-secret-1`, { headers: { authorization: 'Bearer csk_live_headersecret' } });
    expect(res.status).toBe(200);
    await server.stop();
    const line = jsonLines(server).find((l) => l.msg === 'request' && l.path === '/v1/jobs');
    expect(line).toMatchObject({ level: 'info', method: 'GET', route: '/v1/jobs', status: 200, client: '127.0.0.1' });
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(jsonLines(server).some((l) => l.path === '/health' && l.status === 200)).toBe(true);
    expect(server.stderr()).not.toContain('headersecret');
    expect(server.stderr()).not.toContain('query-secret-1');
  });

  it('writes readable lines with CAESIUM_LOG_FORMAT=text', async () => {
    const server = await start({ CAESIUM_LOG_FORMAT: 'text' });
    await fetch(`${server.url}/v1/stats`);
    await server.stop();
    expect(server.stderr()).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}request method=GET path=\/v1\/stats route=\/v1\/stats status=200 duration_ms=[\d.]+ client=127\.0\.0\.1$/m,
    );
    expect(jsonLines(server)).toEqual([]);
  });

  it('leaves out entries below CAESIUM_LOG_LEVEL', async () => {
    const server = await start({ CAESIUM_LOG_LEVEL: 'WARN' });
    await fetch(`${server.url}/v1/stats`);
    await server.stop();
    expect(server.stderr()).not.toContain('/v1/stats');
    expect(jsonLines(server)).toEqual([]);
  });

  it('refuses to start with a level or format it does not know, naming the variable', async () => {
    await expect(start({ CAESIUM_LOG_LEVEL: 'loud' })).rejects.toThrow(
      /exited with 2: .*CAESIUM_LOG_LEVEL must be one of debug, info, warn/s,
    );
    await expect(start({ CAESIUM_LOG_FORMAT: 'xml' })).rejects.toThrow(/CAESIUM_LOG_FORMAT must be "json" or "text"; got "xml"/);
  });
});

describe('the log console (CAESIUM_LOG_CONSOLE_ENABLED)', () => {
  it('is not served unless switched on: /v1/logs/* answer 404', async () => {
    const server = await start();
    for (const [method, path] of [
      ['GET', '/v1/logs/level'],
      ['PUT', '/v1/logs/level'],
      ['GET', '/v1/logs/stream'],
    ] as const) {
      expect(await call(`${server.url}${path}`, method, method === 'PUT' ? { level: 'debug' } : undefined)).toEqual({
        status: 404,
        json: { message: 'Not Found' },
      });
    }
    await server.stop();
  });

  describe('switched on', () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await start({ CAESIUM_LOG_CONSOLE_ENABLED: 'true' });
    });
    afterAll(() => server.stop());

    it('streams the backlog and then live entries as server-sent events', async () => {
      const stream = await openSse(`${server.url}/v1/logs/stream?level=info`);
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream');
      const backlog = await stream.until(isRequest('/health')); // the spawner's health check, from before we connected
      expect(backlog.at(-1)).toMatchObject({ event: 'log', data: { level: 'info', fields: { method: 'GET', status: 200 } } });
      expect(backlog.at(-1)!.id).toBe(String(backlog.at(-1)!.data.sequence));
      await fetch(`${server.url}/v1/jobs/00000000-0000-0000-0000-00000000abcd`);
      const [live] = (await stream.until(isRequest('/v1/jobs/00000000-0000-0000-0000-00000000abcd'))).slice(-1);
      expect(live!.data.fields).toMatchObject({ route: '/v1/jobs/:id', status: 404 });
      await stream.close();

      const since = Number(live!.id);
      const resumed = await openSse(`${server.url}/v1/logs/stream?since=${since}`);
      const next = await resumed.next();
      expect(Number(next.id)).toBeGreaterThan(since); // only what came after the entry we already had
      await resumed.close();
    });

    it('reads and changes the level: entries below it are neither written nor streamed', async () => {
      expect(await call(`${server.url}/v1/logs/level`)).toEqual({ status: 200, json: { level: 'info' } });
      const stream = await openSse(`${server.url}/v1/logs/stream?level=debug&since=999999999`);
      expect(await call(`${server.url}/v1/logs/level`, 'PUT', { level: 'WARNING' })).toEqual({ status: 200, json: { level: 'warn' } });
      expect(await call(`${server.url}/v1/logs/level`)).toEqual({ status: 200, json: { level: 'warn' } });
      await fetch(`${server.url}/v1/jobs/00000000-0000-0000-0000-0000000000aa`); // at warn: its access line is dropped
      expect(await call(`${server.url}/v1/logs/level`, 'PUT', { level: 'debug' })).toEqual({ status: 200, json: { level: 'debug' } });
      await fetch(`${server.url}/v1/jobs/00000000-0000-0000-0000-0000000000bb`);
      const seen = await stream.until(isRequest('/v1/jobs/00000000-0000-0000-0000-0000000000bb'));
      await stream.close();
      expect(seen.map((m): unknown => m.data.msg)).toContain('log level changed');
      expect(seen.some(isRequest('/v1/jobs/00000000-0000-0000-0000-0000000000aa'))).toBe(false);
      expect(server.stderr()).not.toContain('0000000000aa');
      expect(server.stderr()).toContain('0000000000bb');
    });

    it('refuses a level it does not know', async () => {
      expect(await call(`${server.url}/v1/logs/level`, 'PUT', { level: 'loud' })).toEqual({
        status: 400,
        json: { message: 'invalid log level string: loud (use debug, info, warn, error or fatal)' },
      });
      expect((await call(`${server.url}/v1/logs/stream?level=loud`)).status).toBe(400);
      expect(await call(`${server.url}/v1/logs/level`, 'PUT', {})).toEqual({ status: 400, json: { message: 'level is required' } });
    });
  });
});
