/**
 * `POST …/runs/:run_id/retry` and `caesium run retry` against a real server
 * process (local engine): a kept step's side effect happens once and its
 * output reaches the re-run step; retry from a step with and without its
 * downstream; a running run is a 409, an unknown step a 400 with a
 * suggestion; a server killed mid-retry finishes the retry after a restart.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { definition, waitFor, type Json } from './support/in-process.js';
import { openSse } from './support/sse-reader.js';
import { killAll, liveServers, spawnServer, type ServerProcess } from './support/server-process.js';

async function call(url: string, method: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** Lines of a file the steps append to ('' when absent). */
function linesOf(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

describe('run retry against a real server process', () => {
  let dir: string;
  let server: ServerProcess;
  const db = (): string => join(dir, 'caesium.db');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caesium-retry-'));
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db() });
  });
  afterAll(async () => {
    await killAll();
    rmSync(dir, { recursive: true, force: true });
    expect(liveServers()).toBe(0);
  });

  const runUrl = (jobId: string, runId: string): string => `${server.url}/v1/jobs/${jobId}/runs/${runId}`;

  async function apply(def: Record<string, unknown>): Promise<string> {
    const applied = await call(`${server.url}/v1/jobdefs/apply`, 'POST', { definitions: [def] });
    expect(applied.status).toBe(200);
    return applied.json.jobs[0].id as string;
  }

  async function start(jobId: string): Promise<string> {
    const started = await call(`${server.url}/v1/jobs/${jobId}/run`, 'POST');
    expect(started.status).toBe(202);
    return started.json.id as string;
  }

  async function ended(jobId: string, runId: string): Promise<Json> {
    return waitFor(async (): Promise<Json> => {
      const run = await call(runUrl(jobId, runId), 'GET');
      const json: Json = run.json;
      return json.status === 'running' || json.status === 'queued' ? undefined : json;
    }, 20_000);
  }

  /** extract (writes a side effect once per execution, outputs rows=42) → transform (fails until `fix` exists) → load. */
  function etl(alias: string, sub: string): Record<string, unknown> {
    const d = join(dir, sub);
    return definition(alias, [
      {
        name: 'extract',
        engine: 'local',
        command: ['sh', '-c', `mkdir -p ${d}; echo ran >> ${d}/extract; echo '##caesium::output {"rows": 42}'`],
      },
      {
        name: 'transform',
        engine: 'local',
        command: ['sh', '-c', `test -f ${d}/fix || exit 1; echo "rows=$CAESIUM_OUTPUT_EXTRACT_ROWS" >> ${d}/transform`],
        dependsOn: ['extract'],
      },
      { name: 'load', engine: 'local', command: ['sh', '-c', `echo ran >> ${d}/load`], dependsOn: ['transform'] },
    ]);
  }

  it('re-runs the failed step and the one it skipped; the kept step ran once and its output reaches the re-run step', async () => {
    const jobId = await apply(etl('retry-etl', 'etl'));
    const runId = await start(jobId);
    const first = await ended(jobId, runId);
    expect(first.tasks.map((t: Json): [string, string] => [t.name, t.status])).toEqual([
      ['extract', 'succeeded'],
      ['transform', 'failed'],
      ['load', 'skipped'],
    ]);
    writeFileSync(join(dir, 'etl', 'fix'), '');

    const cli = await runCli(['run', 'retry', '--server', server.url, '--job-id', 'retry-etl', '--run-id', runId]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(
      [
        `Run ${runId} retried as attempt 2 (what did not succeed; it was failed)`,
        '  kept:   extract',
        '  re-run: transform, load',
        `Follow it with: caesium run get --job-id ${jobId} --run-id ${runId}`,
        '',
      ].join('\n'),
    );

    const run = await ended(jobId, runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      retry: { downstream: true, kept: ['extract'], rerun: ['transform', 'load'], previous_status: 'failed' },
    });
    expect(run.error).toBeUndefined();
    expect(run.tasks.map((t: Json): [string, string, number] => [t.name, t.status, t.attempt])).toEqual([
      ['extract', 'succeeded', 1],
      ['transform', 'succeeded', 2],
      ['load', 'succeeded', 1],
    ]);
    expect(linesOf(join(dir, 'etl', 'extract'))).toEqual(['ran']);
    expect(linesOf(join(dir, 'etl', 'transform'))).toEqual(['rows=42']);
    expect(linesOf(join(dir, 'etl', 'load'))).toEqual(['ran']);

    const sse = await openSse(`${server.url}/v1/events?run_id=${runId}&types=run_retried&cursor=0`);
    const [event] = await sse.until((m) => m.event === 'run_retried');
    await sse.close();
    expect(event?.data.payload).toMatchObject({ attempt: 2, kept: ['extract'], rerun: ['transform', 'load'], previous_status: 'failed' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain(`caesium_run_retries_total{job_id="${jobId}"} 1`);

    // Everything succeeded now: nothing to re-run without naming a step.
    const nothing = await call(`${runUrl(jobId, runId)}/retry`, 'POST');
    expect(nothing.status).toBe(409);
    expect(nothing.json.message).toBe(`run ${runId} has no task to re-run: every task succeeded; name a step with from to re-run it`);
  });

  it('re-runs a step with everything downstream of it, or that step alone', async () => {
    const jobId = await apply(etl('retry-from', 'from'));
    const d = join(dir, 'from');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'fix'), '');
    const runId = await start(jobId);
    expect((await ended(jobId, runId)).status).toBe('succeeded');

    const down = await call(`${runUrl(jobId, runId)}/retry`, 'POST', { from: 'transform' });
    expect(down.status).toBe(202);
    expect(down.json).toMatchObject({
      attempt: 2,
      retry: { from: 'transform', downstream: true, kept: ['extract'], rerun: ['transform', 'load'] },
    });
    expect((await ended(jobId, runId)).status).toBe('succeeded');
    expect(linesOf(join(d, 'load'))).toEqual(['ran', 'ran']);
    expect(linesOf(join(d, 'transform'))).toEqual(['rows=42', 'rows=42']);

    const alone = await runCli([
      'run',
      'retry',
      '--server',
      server.url,
      '--job-id',
      jobId,
      '--run-id',
      runId,
      '--from',
      'transform',
      '--no-downstream',
    ]);
    expect(alone.code).toBe(0);
    expect(alone.stdout.split('\n').slice(0, 3)).toEqual([
      `Run ${runId} retried as attempt 3 (from transform alone; it was succeeded)`,
      '  kept:   extract, load',
      '  re-run: transform',
    ]);
    const run = await ended(jobId, runId);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 3, retry: { from: 'transform', downstream: false } });
    expect(linesOf(join(d, 'extract'))).toEqual(['ran']);
    expect(linesOf(join(d, 'load'))).toEqual(['ran', 'ran']);
    expect(linesOf(join(d, 'transform'))).toEqual(['rows=42', 'rows=42', 'rows=42']);

    const json = await runCli(['run', 'retry', '--server', server.url, '--job-id', jobId, '--run-id', runId, '--from', 'load', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: runId,
      attempt: 4,
      retry: { from: 'load', kept: ['extract', 'transform'], rerun: ['load'] },
    });
    await ended(jobId, runId);
  });

  it('answers 409 for a running run, 400 naming an unknown step, and 404 for a run of another job', async () => {
    const d = join(dir, 'busy');
    const jobId = await apply(
      definition('retry-busy', [
        { name: 'wait', engine: 'local', command: ['sh', '-c', `mkdir -p ${d}; while [ ! -f ${d}/go ]; do sleep 0.1; done`] },
        { name: 'after', engine: 'local', command: ['true'], dependsOn: ['wait'] },
      ]),
    );
    const runId = await start(jobId);
    const busy = await call(`${runUrl(jobId, runId)}/retry`, 'POST');
    expect(busy).toEqual({
      status: 409,
      json: { message: `run ${runId} is still running; only a finished run can be retried (cancel it first, or wait for it to end)` },
    });
    const cli = await runCli(['run', 'retry', '--server', server.url, '--job-id', jobId, '--run-id', runId]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('is still running; only a finished run can be retried');
    await waitFor(() => Promise.resolve(existsSync(d) ? true : undefined));
    writeFileSync(join(d, 'go'), '');
    await ended(jobId, runId);

    const unknown = await call(`${runUrl(jobId, runId)}/retry`, 'POST', { from: 'aftr' });
    expect(unknown).toEqual({
      status: 400,
      json: { steps: ['wait', 'after'], message: 'unknown step "aftr" in from; did you mean "after"?' },
    });
    const far = await call(`${runUrl(jobId, runId)}/retry`, 'POST', { from: 'zzzzzzzz' });
    expect(far.json.message).toBe('unknown step "zzzzzzzz" in from; steps of this run: wait, after');
    const noFrom = await call(`${runUrl(jobId, runId)}/retry`, 'POST', { downstream: false });
    expect(noFrom).toEqual({ status: 400, json: { message: 'downstream applies only with from: name the step to re-run from' } });
    const extra = await call(`${runUrl(jobId, runId)}/retry`, 'POST', { form: 'wait' });
    expect(extra.status).toBe(400);

    const other = await apply(definition('retry-other'));
    expect((await call(`${server.url}/v1/jobs/${other}/runs/${runId}/retry`, 'POST')).status).toBe(404);
    expect((await call(`${runUrl(jobId, '00000000-0000-4000-8000-000000000000')}/retry`, 'POST')).status).toBe(404);
  });

  it('a server killed during a retry finishes it after a restart, keeping what the retry kept', async () => {
    const d = join(dir, 'crash');
    const jobId = await apply(
      definition('retry-crash', [
        {
          name: 'first',
          engine: 'local',
          command: ['sh', '-c', `mkdir -p ${d}; echo ran >> ${d}/first; echo '##caesium::output {"n": 7}'`],
        },
        {
          name: 'second',
          engine: 'local',
          command: [
            'sh',
            '-c',
            `test -f ${d}/retrying || exit 1; echo started >> ${d}/second; while [ ! -f ${d}/go ]; do sleep 0.1; done; echo "n=$CAESIUM_OUTPUT_FIRST_N" >> ${d}/second`,
          ],
          dependsOn: ['first'],
          retries: 1,
        },
      ]),
    );
    const runId = await start(jobId);
    expect((await ended(jobId, runId)).status).toBe('failed');
    writeFileSync(join(d, 'retrying'), '');
    expect((await call(`${runUrl(jobId, runId)}/retry`, 'POST')).status).toBe(202);
    await waitFor(() => Promise.resolve(linesOf(join(d, 'second')).includes('started') ? true : undefined));

    await server.stop('SIGKILL');
    server = await spawnServer({ CAESIUM_DATABASE_PATH: db() });
    writeFileSync(join(d, 'go'), '');
    const run = await ended(jobId, runId);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 2, retry: { kept: ['first'], rerun: ['second'] } });
    expect(linesOf(join(d, 'first'))).toEqual(['ran']);
    expect(linesOf(join(d, 'second')).at(-1)).toBe('n=7');
    expect(run.tasks.map((t: Json): [string, number] => [t.name, t.attempt])).toEqual([
      ['first', 1],
      ['second', 4],
    ]);
  });
});
