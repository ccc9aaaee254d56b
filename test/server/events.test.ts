import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, startTestServer, waitFor, type Json, type TestServer } from './support/in-process.js';
import { openSse, type SseMessage, type SseReader } from './support/sse-reader.js';
import type { RunJson } from '../../src/api/index.js';

const ZERO = '00000000-0000-0000-0000-000000000000';

describe('GET /v1/events (docs/decisions.md §4.3, D13)', () => {
  let server: TestServer;
  const open: SseReader[] = [];
  let jobA: string;
  let jobB: string;
  let runA: Json;

  const sse = async (query: string, headers: Record<string, string> = {}): Promise<SseReader> => {
    const reader = await openSse(`${server.url}/v1/events${query}`, headers);
    open.push(reader);
    return reader;
  };
  const apply = async (alias: string): Promise<string> => {
    const def = definition(alias, [
      { name: 'first', engine: 'local', command: ['sh', '-c', 'echo one; echo two'], next: ['second'] },
      { name: 'second', engine: 'local', command: ['sh', '-c', 'echo three'] },
    ]);
    const res = await server.call('POST', '/v1/jobdefs/apply', { definitions: [def] });
    return res.json.jobs[0].id as string;
  };
  const runToEnd = async (jobId: string): Promise<Json> => {
    const started = await server.call('POST', `/v1/jobs/${jobId}/run`);
    return waitFor(async () => {
      const run = (await server.call('GET', `/v1/jobs/${jobId}/runs/${started.json.id}`)).json as RunJson;
      return run.status === 'running' ? undefined : run;
    });
  };
  const terminalOf = (runId: string) => (m: SseMessage) => m.event === 'run_terminal' && m.data.run_id === runId;

  beforeAll(async () => {
    server = await startTestServer();
    jobA = await apply('events-a');
    jobB = await apply('events-b');
    runA = await runToEnd(jobA);
  });
  afterAll(async () => {
    for (const reader of open) await reader.close();
    await server.close();
  });

  it('answers with the SSE headers and a ping at once', async () => {
    const reader = await sse('');
    expect(reader.status).toBe(200);
    expect(reader.headers.get('content-type')).toBe('text/event-stream');
    expect(reader.headers.get('cache-control')).toBe('no-cache');
    expect(reader.headers.get('x-accel-buffering')).toBe('no');
    await reader.waitForText(': ping\n\n');
    expect(reader.raw().startsWith(': ping\n\n')).toBe(true);
  });

  it('streams live events only without a cursor, each with id = sequence, event = type and the JSON data', async () => {
    const reader = await sse('');
    await reader.waitForText(': ping');
    const started = await server.call('POST', `/v1/jobs/${jobA}/run`);
    const runId = started.json.id as string;
    const messages = await reader.until(terminalOf(runId));
    expect(messages.every((m) => m.data.run_id === runId)).toBe(true);
    expect(messages.map((m) => m.event)).toEqual([
      'run_started',
      ...['task_ready', 'task_claimed', 'task_started', 'task_succeeded'],
      ...['task_ready', 'task_claimed', 'task_started', 'task_succeeded'],
      'run_completed',
      'run_terminal',
    ]);
    for (const m of messages) {
      expect(m.id).toBe(String(m.data.sequence));
      expect(m.data).toMatchObject({ type: m.event, job_id: jobA, run_id: runId, timestamp: expect.any(String) });
    }
    const sequences = messages.map((m) => m.data.sequence as number);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(messages[0]!.data.task_id).toBe(ZERO);
    expect(messages[0]!.data.payload).toMatchObject({ id: runId, job_id: jobA, status: 'running' });
    const succeeded = messages.find((m) => m.event === 'task_succeeded')!;
    expect(succeeded.data.task_id).not.toBe(ZERO);
    expect(succeeded.data.payload).toMatchObject({ name: 'first', status: 'succeeded' });
  });

  it('replays the persisted history from ?cursor=0, filtered by run, with the stable job id', async () => {
    const reader = await sse(`?cursor=0&run_id=${runA.id}`);
    const messages = await reader.until(terminalOf(runA.id));
    const stored = await server.store.events.list({ runId: runA.id });
    expect(messages.map((m) => Number(m.id))).toEqual(stored.map((e) => e.sequence));
    expect(messages.map((m) => m.event)).toEqual(stored.map((e) => e.type));
    expect(messages.every((m) => m.data.job_id === jobA && m.data.run_id === runA.id)).toBe(true);
    expect(messages.at(-1)!.data.payload).toMatchObject({ id: runA.id, job_id: jobA, status: 'succeeded' });
  });

  it('replays after Last-Event-ID (which wins over ?cursor=), then goes on live without duplicates', async () => {
    const stored = await server.store.events.list({ runId: runA.id });
    const from = stored[2]!.sequence;
    const reader = await sse(`?cursor=0&job_id=${jobA}`, { 'Last-Event-ID': String(from) });
    const replayed = await reader.until(terminalOf(runA.id));
    expect(Number(replayed[0]!.id)).toBe(stored[3]!.sequence);
    expect(replayed.map((m) => Number(m.id))).toEqual(stored.slice(3).map((e) => e.sequence));

    const live = await runToEnd(jobA);
    const after = await reader.until(terminalOf(live.id));
    const ids = [...replayed, ...after].map((m) => Number(m.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.at(-1)!.data.run_id).toBe(live.id);
    expect(after.every((m) => m.data.job_id === jobA)).toBe(true);
  });

  it('filters by job_id and types, in replay and live', async () => {
    const runB = await runToEnd(jobB);
    const reader = await sse(`?cursor=0&job_id=${jobB}&types=run_started,run_terminal`);
    const replayed = await reader.until(terminalOf(runB.id));
    expect(replayed.map((m) => m.event)).toEqual(['run_started', 'run_terminal']);
    expect(replayed.every((m) => m.data.job_id === jobB)).toBe(true);

    await runToEnd(jobA);
    const liveB = await server.call('POST', `/v1/jobs/${jobB}/run`);
    const live = await reader.until(terminalOf(liveB.json.id));
    expect(live.map((m) => `${m.event} ${m.data.run_id}`)).toEqual([`run_started ${liveB.json.id}`, `run_terminal ${liveB.json.id}`]);
  });

  it('sends live task output only to clients that ask for task_log, without an id', async () => {
    const reader = await sse(`?job_id=${jobB}&types=task_log,run_terminal`);
    await reader.waitForText(': ping');
    const started = await server.call('POST', `/v1/jobs/${jobB}/run`);
    const messages = await reader.until(terminalOf(started.json.id));
    const logs = messages.filter((m) => m.event === 'task_log');
    expect(logs.map((m) => `${m.data.payload.name}: ${m.data.payload.text}`)).toEqual(['first: one', 'first: two', 'second: three']);
    expect(logs.every((m) => m.id === undefined && m.data.sequence === undefined && m.data.task_id !== ZERO)).toBe(true);
    expect(logs[0]!.data.payload).toMatchObject({ stream: 'stdout', attempt: 1, task_run_id: expect.any(String) });
  });

  it('rejects malformed filters with 400', async () => {
    const bad = async (query: string, headers: Record<string, string> = {}): Promise<Json> => {
      const res = await fetch(`${server.url}/v1/events${query}`, { headers });
      expect(res.status).toBe(400);
      return ((await res.json()) as { message: string }).message;
    };
    expect(await bad('?job_id=nope')).toBe('invalid job_id');
    expect(await bad('?run_id=123')).toBe('invalid run_id');
    expect(await bad('?cursor=-1')).toBe('invalid Last-Event-ID');
    expect(await bad('', { 'Last-Event-ID': 'abc' })).toBe('invalid Last-Event-ID');
    expect(await bad('?types=run_started,nope')).toBe('invalid types: unknown event type "nope"');
  });
});

describe('event stream lifecycle in the server', () => {
  it('prunes execution events past CAESIUM_EVENT_RETENTION periodically', async () => {
    const server = await startTestServer({ CAESIUM_EVENT_RETENTION: '1ms' });
    try {
      const applied = await server.call('POST', '/v1/jobdefs/apply', { definitions: [definition('retained')] });
      const jobId = applied.json.jobs[0].id as string;
      const started = await server.call('POST', `/v1/jobs/${jobId}/run`);
      await waitFor(async () =>
        (await server.call('GET', `/v1/jobs/${jobId}/runs/${started.json.id}`)).json.status === 'running' ? undefined : true,
      );
      await waitFor(async () => ((await server.store.events.list({})).length === 0 ? true : undefined));
      expect(server.logs.some((l) => /pruned \d+ execution event\(s\)/.test(l))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a malformed CAESIUM_EVENT_RETENTION', async () => {
    await expect(startTestServer({ CAESIUM_EVENT_RETENTION: 'soon' })).rejects.toThrow('CAESIUM_EVENT_RETENTION must be a duration');
  });

  it('ends open streams when the server closes', async () => {
    const server = await startTestServer();
    const reader = await openSse(`${server.url}/v1/events`);
    await reader.waitForText(': ping');
    await server.close();
    await expect(reader.next()).rejects.toThrow();
    await reader.close();
  });
});
