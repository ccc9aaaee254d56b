/**
 * The viewer's reading of a log against a real `caesium server` process: the live stream (`follow=true`) read
 * with `sseMessages` into a `LogBuffer`, joined early and joined late across a retry, holds the same lines, once
 * each, as the plain log read afterwards with `readPlainLog`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEndJson, LogGapJson, LogLinesJson } from '../../../../src/api/index.js';
import { definition, waitFor } from '../../../../test/server/support/in-process.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from '../../../../test/server/support/server-process.js';
import { LogBuffer, readPlainLog, type LogEntry } from './log-buffer.js';
import { sseMessages } from './log-source.js';

const shown = (entries: readonly LogEntry[]): string[] =>
  entries.map((e) =>
    e.kind === 'attempt' ? `── attempt ${e.attempt} ──` : e.kind === 'gap' ? `[gap ${e.lines}]` : `${e.line}: ${e.text}`,
  );

/** Follows the log into a buffer; resolves with the `end` status. */
async function follow(url: string, buffer: LogBuffer): Promise<string> {
  const res = await fetch(`${url}&follow=true`, { headers: { accept: 'text/event-stream' } });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  for await (const m of sseMessages(res.body!)) {
    if (m.type === 'log') {
      const l = m.data as LogLinesJson;
      buffer.addLines(l.attempt, l.line, l.text);
    } else if (m.type === 'gap') {
      const g = m.data as LogGapJson;
      buffer.addGap(g.attempt, g.lines, g.bytes);
    } else if (m.type === 'end') return (m.data as LogEndJson).status;
  }
  return 'no end';
}

describe('reading a task log from a real server', () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-ui-logs-'));
    server = await spawnServer({ CAESIUM_DATABASE_PATH: join(dir, 'caesium.db') });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('holds every line once, attempts labelled, whether it followed from the start, joined late, or read the plain log', async () => {
    const script = [
      `if [ ! -e '${dir}/first' ]; then`,
      `  touch '${dir}/first'; echo 'one 1'; echo 'one 2' >&2`,
      `  while [ ! -f '${dir}/go1' ]; do sleep 0.05; done; echo 'one 3'; exit 1`,
      `fi`,
      `echo 'two 1'; while [ ! -f '${dir}/go2' ]; do sleep 0.05; done; echo 'two 2'`,
    ].join('\n');
    const post = (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    const applied = (await (
      await post('/v1/jobdefs/apply', {
        definitions: [definition('ui-logs', [{ name: 'work', engine: 'local', retries: 1, command: ['sh', '-c', script] }])],
      })
    ).json()) as {
      jobs: { id: string }[];
    };
    const jobId = applied.jobs[0]!.id;
    const run = (await (await post(`/v1/jobs/${jobId}/run`)).json()) as { id: string };
    const url = `${server.url}/v1/jobs/${jobId}/runs/${run.id}/logs?task_id=work`;

    const early = new LogBuffer();
    const earlyEnd = follow(url, early);
    await waitFor(() => Promise.resolve(shown(early.entries).includes('1: one 2') ? true : undefined), 30_000);
    writeFileSync(join(dir, 'go1'), '');
    await waitFor(() => Promise.resolve(shown(early.entries).includes('0: two 1') ? true : undefined), 30_000);
    const late = new LogBuffer();
    const lateEnd = follow(url, late);
    await waitFor(() => Promise.resolve(shown(late.entries).includes('0: two 1') ? true : undefined), 30_000);
    writeFileSync(join(dir, 'go2'), '');
    expect(await earlyEnd).toBe('succeeded');
    expect(await lateEnd).toBe('succeeded');

    const expected = ['── attempt 1 ──', '0: one 1', '1: one 2', '2: one 3', '── attempt 2 ──', '0: two 1', '1: two 2'];
    expect(shown(early.entries)).toEqual(expected);
    expect(shown(late.entries)).toEqual(expected);
    const plain = new LogBuffer();
    readPlainLog(plain, await (await fetch(url)).text(), 2);
    expect(shown(plain.entries)).toEqual(expected);
  });
});
