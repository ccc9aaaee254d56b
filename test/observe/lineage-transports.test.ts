import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { mapEvent } from '../../src/observe/lineage/map-event.js';
import type { RunEvent } from '../../src/observe/lineage/run-event.js';
import { createConsoleTransport } from '../../src/observe/lineage/transports/console.js';
import { createFileTransport } from '../../src/observe/lineage/transports/file.js';
import { createHttpTransport } from '../../src/observe/lineage/transports/http.js';
import type { LineageTransport } from '../../src/observe/lineage/transports/transport.js';
import { deadUrl, startLineageServer, type LineageServer } from './support/lineage-server.js';
import { RunEvents } from './support/synthetic.js';

function sampleEvents(): RunEvent[] {
  const r = new RunEvents({ alias: 'etl', tasks: ['a'] });
  return [r.runStarted(), r.taskStarted('a'), r.taskSucceeded('a')].flatMap((e) => mapEvent(e, { namespace: 'caesium', job: undefined }));
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function track<T extends LineageTransport | LineageServer>(x: T): T {
  cleanups.push(() => x.close());
  return x;
}

describe('http transport (real server on 127.0.0.1)', () => {
  it('POSTs the event as JSON to the URL without its trailing slash, with the configured headers', async () => {
    const server = track(await startLineageServer());
    const transport = track(
      createHttpTransport({ url: `${server.url}/api/v1/lineage//`, headers: { Authorization: 'Bearer t0k=n', 'X-Tenant': 'acme' } }),
    );
    const [event] = sampleEvents();
    await transport.emit(event!);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/api/v1/lineage' });
    expect(req!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t0k=n', 'x-tenant': 'acme' });
    expect(JSON.parse(req!.body)).toEqual(event);
  });

  it('retries a 500 with backoff of 100 ms × 2^n, then succeeds', async () => {
    const server = track(await startLineageServer((n, res) => res.writeHead(n < 3 ? 500 : 200).end()));
    const retries: string[] = [];
    const transport = track(
      createHttpTransport({ url: server.url, onRetry: (attempt, error) => retries.push(`${attempt}: ${error.message}`) }),
    );
    const started = Date.now();
    await transport.emit(sampleEvents()[0]!);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290); // 100 ms + 200 ms
    expect(server.requests).toHaveLength(3);
    expect(retries).toEqual([`1: lineage: ${server.url} responded 500`, `2: lineage: ${server.url} responded 500`]);
  });

  it('gives up after the configured number of attempts in total, naming the last error', async () => {
    const server = track(await startLineageServer((_n, res) => res.writeHead(503).end('busy')));
    const transport = track(createHttpTransport({ url: server.url, attempts: 4, backoffMs: 1 }));
    await expect(transport.emit(sampleEvents()[0]!)).rejects.toThrow(`lineage: ${server.url} responded 503 (attempt 4 of 4)`);
    expect(server.requests).toHaveLength(4);
    const once = track(createHttpTransport({ url: server.url, attempts: 1 }));
    await expect(once.emit(sampleEvents()[0]!)).rejects.toThrow('(attempt 1 of 1)');
    expect(server.requests).toHaveLength(5);
  });

  it('treats 0 attempts as the default 3, and any 2xx as success but 3xx/4xx as errors', async () => {
    const codes = [404, 302, 204];
    const server = track(await startLineageServer((n, res) => res.writeHead(codes[n - 1] ?? 200).end()));
    const transport = track(createHttpTransport({ url: server.url, attempts: 0, backoffMs: 1 }));
    await transport.emit(sampleEvents()[0]!);
    expect(server.requests).toHaveLength(3);
  });

  it('times each attempt out after the timeout', async () => {
    const server = track(await startLineageServer(() => undefined)); // never answers
    const transport = track(createHttpTransport({ url: server.url, timeoutMs: 100, attempts: 2, backoffMs: 1 }));
    const started = Date.now();
    await expect(transport.emit(sampleEvents()[0]!)).rejects.toThrow(`lineage: POST ${server.url} timed out after 100 ms (attempt 2 of 2)`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused connection as an error of that URL', async () => {
    const url = await deadUrl();
    const transport = track(createHttpTransport({ url, attempts: 2, backoffMs: 1 }));
    await expect(transport.emit(sampleEvents()[0]!)).rejects.toThrow(new RegExp(`^lineage: POST ${url} failed: .*\\(attempt 2 of 2\\)$`));
  });

  it('close() abandons a request in flight at once', async () => {
    const server = track(await startLineageServer(() => undefined));
    const transport = createHttpTransport({ url: server.url, timeoutMs: 60_000 });
    const outcome = transport.emit(sampleEvents()[0]!).then(
      () => 'delivered',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await transport.close();
    expect(await outcome).toBe(`lineage: POST ${server.url} abandoned: transport closed (attempt 1 of 3)`);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('file transport', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per event to a file created 0644, after what was there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-lineage-'));
    const path = join(dir, 'lineage.ndjson');
    const transport = await createFileTransport(path);
    const events = sampleEvents();
    await Promise.all(events.map((e) => transport.emit(e)));
    await transport.close();
    expect(statSync(path).mode & 0o777).toBe(0o644 & ~process.umask());
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l) as RunEvent)).toEqual(events);

    const again = await createFileTransport(path);
    await again.emit(events[0]!);
    await again.close();
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(events.length + 2);
    await expect(again.emit(events[0]!)).rejects.toThrow('is closed');
  });

  it('fails to open a path in a missing directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-lineage-'));
    writeFileSync(join(dir, 'file'), '');
    await expect(createFileTransport(join(dir, 'missing', 'lineage.ndjson'))).rejects.toThrow(/ENOENT/);
  });
});

describe('console transport', () => {
  it('writes one info line per event with event_type, job, run_id and the payload', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const transport = createConsoleTransport(out);
    const [event] = sampleEvents();
    await transport.emit(event!);
    await transport.close();
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'info',
      msg: 'openlineage event',
      event_type: 'START',
      job: event!.job.name,
      run_id: event!.run.runId,
      payload: event,
    });
  });
});
