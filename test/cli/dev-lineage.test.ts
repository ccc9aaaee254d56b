/**
 * OpenLineage from the front doors, through the built CLI: `caesium dev
 * --once`, `caesium test --scenario` and `caesium server` with `CAESIUM_OPEN_LINEAGE_ENABLED=true` write
 * events that validate against the OpenLineage 2-0-2 RunEvent schema (file
 * transport), and the http transport posts them to a receiver on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { lineageProblems } from '../observe/support/openlineage-schema.js';
import { startLineageServer } from '../observe/support/lineage-server.js';
import { killAll, liveServers, spawnServer } from '../server/support/server-process.js';
import type { RunEvent } from '../../src/observe/lineage/run-event.js';

const JOB = 'examples/local-engine.yaml';

function fileEvents(file: string): RunEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as RunEvent);
}

/** START and COMPLETE of the run and of each of its four tasks (`<alias>.task.<id>`), every one valid. */
function expectValidRun(events: RunEvent[]): void {
  for (const event of events) expect(lineageProblems(event), `${event.eventType} ${event.job.name}`).toEqual([]);
  const names = events.map((e) => `${e.eventType} ${e.job.name}`);
  expect(names).toContain('START local-engine');
  expect(names).toContain('COMPLETE local-engine');
  expect(names.filter((n) => /^COMPLETE local-engine\.task\.[0-9a-f-]{36}$/.test(n))).toHaveLength(4);
  expect(events).toHaveLength(10);
}

describe('OpenLineage from caesium dev and caesium server', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-lineage-'));
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  it('dev --once writes valid events with the file transport', async () => {
    const file = join(dir, 'dev.ndjson');
    const env = { CAESIUM_OPEN_LINEAGE_ENABLED: 'true', CAESIUM_OPEN_LINEAGE_TRANSPORT: 'file', CAESIUM_OPEN_LINEAGE_FILE_PATH: file };
    const result = await runCli(['dev', '--once', '--no-cache', '-p', JOB], { env });
    expect(result.code).toBe(0);
    expectValidRun(fileEvents(file));
  });

  it('dev --once posts the events to an http receiver', async () => {
    const receiver = await startLineageServer();
    try {
      const env = { CAESIUM_OPEN_LINEAGE_ENABLED: 'true', CAESIUM_OPEN_LINEAGE_URL: receiver.url };
      const result = await runCli(['dev', '--once', '--no-cache', '-p', JOB], { env });
      expect(result.code).toBe(0);
      expect(new Set(receiver.requests.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(['POST /']));
      expectValidRun(receiver.requests.map((r) => JSON.parse(r.body) as RunEvent));
    } finally {
      await receiver.close();
    }
  });

  it('caesium test --scenario sends its runs to the configured transport too', async () => {
    const file = join(dir, 'harness.ndjson');
    const env = { CAESIUM_OPEN_LINEAGE_ENABLED: 'true', CAESIUM_OPEN_LINEAGE_TRANSPORT: 'file', CAESIUM_OPEN_LINEAGE_FILE_PATH: file };
    const result = await runCli(['test', '--scenario', 'harness/local-engine.scenario.yaml', '--engine', 'local'], { env });
    expect(result.code).toBe(0);
    const events = fileEvents(file);
    expect(events).toHaveLength(20); // two scenarios of one run each
    for (const event of events) expect(lineageProblems(event)).toEqual([]);
  });

  it('dev says why lineage is off when it is enabled but not configured', async () => {
    const result = await runCli(['dev', '--once', '--no-cache', '-p', JOB], { env: { CAESIUM_OPEN_LINEAGE_ENABLED: 'true' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('caesium: OpenLineage disabled: CAESIUM_OPEN_LINEAGE_URL is required for the http transport');
  });

  it('a server run writes valid events and exposes the lineage metrics', { timeout: 30_000 }, async () => {
    const file = join(dir, 'server.ndjson');
    const server = await spawnServer({
      CAESIUM_DATABASE_PATH: join(dir, 'caesium.db'),
      CAESIUM_OPEN_LINEAGE_ENABLED: 'true',
      CAESIUM_OPEN_LINEAGE_TRANSPORT: 'file',
      CAESIUM_OPEN_LINEAGE_FILE_PATH: file,
    });
    expect((await runCli(['job', 'apply', '--path', JOB, '--server', server.url])).code).toBe(0);
    expect((await runCli(['run', 'start', '--job-id', 'local-engine', '--server', server.url])).code).toBe(0);
    let events: RunEvent[] = [];
    for (let i = 0; i < 150 && !events.some((e) => e.eventType === 'COMPLETE' && e.job.name === 'local-engine'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      events = fileEvents(file);
    }
    expectValidRun(events);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/caesium_lineage_events_emitted_total\{event_type="COMPLETE",status="success"\} 5/);
    expect(metrics).toContain('caesium_lineage_emit_duration_seconds_bucket{le="0.001",transport="file"}');
  });
});
