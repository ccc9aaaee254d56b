import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports/events.js';
import type { ObservedJob } from '../../src/observe/job-info.js';
import { mapEvent } from '../../src/observe/lineage/map-event.js';
import type { CaesiumDatasetFacet, ParentRunFacet, RunEvent } from '../../src/observe/lineage/run-event.js';
import { makeJob } from '../engine/support/job.js';
import { lineageProblems } from './support/openlineage-schema.js';
import { RunEvents } from './support/synthetic.js';

const NS = 'caesium';
const map = (events: EngineEvent[], job?: ObservedJob, namespace = NS): RunEvent[] =>
  events.flatMap((e) => mapEvent(e, { namespace, job }));
const summary = (events: RunEvent[]): string[] => events.map((e) => `${e.eventType} ${e.job.name}`);

function validAll(events: RunEvent[]): void {
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect(lineageProblems(e), `${e.eventType} ${e.job.name}`).toEqual([]);
}

/** extract → transform → load, with schemas, and a git provenance. */
function etlJob(): ObservedJob {
  const job: ObservedJob = makeJob(
    [
      { name: 'extract', engine: 'docker', outputSchema: { type: 'object', properties: { rows: { type: 'integer' } } } },
      { name: 'transform', dependsOn: ['extract'] },
      { name: 'load', dependsOn: ['transform'], engine: 'local' },
    ],
    { alias: 'etl' },
  );
  const transform = job.steps[1]!;
  transform.inputSchema = { extract: { type: 'object', required: ['rows'] }, aaa: {} };
  job.provenance = { repo: 'https://github.com/acme/pipelines', ref: 'main', commit: 'abc123', path: 'jobs/etl.yaml' };
  return job;
}

describe('lineage mapping (docs/decisions.md §6, D10)', () => {
  it('maps a successful run to valid job and task events, named and linked as the original does', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['extract', 'transform', 'load'] });
    const job = etlJob();
    const events = map(
      [
        r.runStarted(),
        r.taskStarted('extract'),
        r.advance(1000).taskSucceeded('extract', { rows: '10', dump: 's3://bucket/etl/out.parquet' }),
        r.taskStarted('transform'),
        r.taskSucceeded('transform', { table: 'warehouse.public.facts', same: 'warehouse.public.facts', count: '3.14' }),
        r.taskStarted('load', { engine: 'local', image: '', command: ['sh', '-c', 'load'] }),
        r.taskSucceeded('load'),
        ...r.runEnded('succeeded'),
      ],
      job,
    );
    validAll(events);
    const extract = r.task('extract');
    expect(summary(events)).toEqual([
      'START etl',
      `START etl.task.${extract.taskId}`,
      `COMPLETE etl.task.${extract.taskId}`,
      `START etl.task.${r.task('transform').taskId}`,
      `COMPLETE etl.task.${r.task('transform').taskId}`,
      `START etl.task.${r.task('load').taskId}`,
      `COMPLETE etl.task.${r.task('load').taskId}`,
      'COMPLETE etl', // run_terminal adds nothing
    ]);
    const [start, taskStart, taskDone] = events as [RunEvent, RunEvent, RunEvent];
    expect(start).toMatchObject({
      eventTime: '2026-01-02T03:04:05.000Z',
      producer: 'https://github.com/caesium-cloud/caesium',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: {
        runId: r.runId,
        facets: {
          caesium_dag: { totalTasks: 3, _schemaURL: 'https://github.com/caesium-cloud/caesium/spec/facets/1-0-0/CaesiumDAGFacet.json' },
        },
      },
      job: {
        namespace: 'caesium',
        facets: {
          jobType: {
            processingType: 'BATCH',
            integration: 'CAESIUM',
            jobType: 'JOB',
            _schemaURL: 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
          },
          sourceCodeLocation: {
            type: 'git',
            url: 'https://github.com/acme/pipelines',
            repoUrl: 'https://github.com/acme/pipelines',
            branch: 'main',
            version: 'abc123',
            path: 'jobs/etl.yaml',
          },
        },
      },
      inputs: [],
      outputs: [],
    });
    expect(taskStart.run.runId).toBe(extract.taskRunId);
    expect(taskStart.job.facets?.jobType).toMatchObject({ jobType: 'TASK' });
    expect(taskStart.run.facets?.parent).toEqual({
      _producer: 'https://github.com/caesium-cloud/caesium',
      _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json',
      run: { runId: r.runId },
      job: { namespace: 'caesium', name: 'etl' },
    });
    expect(taskStart.run.facets?.caesium_execution).toMatchObject({
      engine: 'docker',
      image: 'alpine:3',
      command: ['sh', '-c', 'echo extract'],
      claimedBy: 'local',
    });
    // Declared outputSchema and no dataset-like value: one synthetic dataset with the schema.
    expect(taskStart.outputs).toEqual([expect.objectContaining({ namespace: 'caesium', name: 'etl.extract.output' })]);
    expect(taskDone.outputs.map((d) => d.name)).toEqual(['s3://bucket/etl/out.parquet']);
    expect(taskDone.outputs[0]?.facets?.caesium_dataset).toMatchObject({ stepName: 'extract', direction: 'output', outputKeys: ['dump'] });
    const transformDone = events[4]!;
    expect(transformDone.outputs.map((d) => [d.name, (d.facets?.caesium_dataset as CaesiumDatasetFacet).outputKeys])).toEqual([
      ['warehouse.public.facts', ['same', 'table']],
    ]);
    expect(transformDone.inputs.map((d) => d.name)).toEqual(['etl.aaa.output', 'etl.extract.output']);
    expect(transformDone.inputs[1]?.facets).toMatchObject({
      caesium_dataset: { direction: 'input', stepName: 'extract' },
      caesium_schema: { schema: { required: ['rows'] } },
    });
    expect(transformDone.inputs[0]?.facets?.caesium_schema).toBeUndefined();
    expect(events[5]?.run.facets?.caesium_execution).toEqual(
      expect.objectContaining({ engine: 'local', image: '', command: ['sh', '-c', 'load'] }),
    );
    expect(events.at(-1)?.run).toEqual({ runId: r.runId }); // an empty facet map is left out
  });

  it('maps failures to FAIL with an errorMessage facet, and skips to ABORT', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['a', 'b'] });
    const events = map([
      r.runStarted(),
      r.taskStarted('a', { runtime_id: 'ctr-1' }),
      r.taskFailed('a', 'exit code 3', { runtime_id: 'ctr-1' }),
      r.taskSkipped('b'),
      ...r.runEnded('failed', 'task a failed'),
    ]);
    validAll(events);
    expect(events.map((e) => e.eventType)).toEqual(['START', 'START', 'FAIL', 'ABORT', 'FAIL']);
    expect(events[2]?.run.facets?.errorMessage).toEqual({
      _producer: 'https://github.com/caesium-cloud/caesium',
      _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json',
      message: 'exit code 3',
      programmingLanguage: 'typescript',
    });
    expect(events[2]?.run.facets?.caesium_execution).toMatchObject({ runtimeId: 'ctr-1' });
    expect(events[3]?.run.facets?.errorMessage).toBeUndefined();
    expect(events[4]?.run.facets?.errorMessage).toMatchObject({ message: 'task a failed' });
    expect(events[4]?.job.name).toBe('etl');
    expect(map(r.runEnded('failed'))[0]?.run.facets).toBeUndefined();
  });

  it('docs/decisions.md D10: a cache hit emits task START and COMPLETE marked caesium_cache; the job START has the real totalTasks', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['extract', 'load'] });
    const origin = { cache_hash: 'sha256:feed', cache_origin_run_id: randomUUID(), cache_origin_task_run_id: randomUUID() };
    const events = map([
      r.runStarted({ total_tasks: 2, job_alias: 'etl' }),
      r.taskCached('extract', { out: '/data/extract.csv' }, origin),
      r.taskStarted('load'),
      r.taskSucceeded('load'),
      ...r.runEnded('succeeded'),
    ]);
    validAll(events);
    const extract = r.task('extract');
    expect(summary(events).slice(0, 3)).toEqual(['START etl', `START etl.task.${extract.taskId}`, `COMPLETE etl.task.${extract.taskId}`]);
    expect(events[0]?.run.facets?.caesium_dag).toMatchObject({ totalTasks: 2 });
    for (const e of events.slice(1, 3)) {
      expect(e.run.runId).toBe(extract.taskRunId);
      expect(e.run.facets?.caesium_cache).toEqual({
        _producer: 'https://github.com/caesium-cloud/caesium',
        _schemaURL: 'https://github.com/caesium-cloud/caesium/spec/facets/1-0-0/CaesiumCacheFacet.json',
        cacheHit: true,
        hash: 'sha256:feed',
        originRunId: origin.cache_origin_run_id,
        originTaskRunId: origin.cache_origin_task_run_id,
      });
      expect(e.outputs.map((d) => d.name)).toEqual(['/data/extract.csv']);
    }
    expect(events[3]?.run.facets?.caesium_cache).toBeUndefined();
    const bare = map([new RunEvents({ tasks: ['x'] }).taskCached('x')])[0];
    expect(bare?.run.facets?.caesium_cache).toEqual(expect.objectContaining({ cacheHit: true }));
    expect(Object.keys(bare?.run.facets?.caesium_cache ?? {})).toEqual(['_producer', '_schemaURL', 'cacheHit']);
  });

  it('takes totalTasks, the job name and the trigger type from run_started alone', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['extract'] });
    const [bare] = map([r.runStarted()]);
    expect(bare?.job.name).toBe('etl');
    expect(bare?.run.facets?.caesium_dag).toMatchObject({ totalTasks: 1, triggerType: 'cron' });
    // The payload is the truth even when a (stale) definition says otherwise.
    const [withJob] = map([r.runStarted({ total_tasks: 5, trigger_type: 'http' })], etlJob());
    expect(withJob?.run.facets?.caesium_dag).toMatchObject({ totalTasks: 5, triggerType: 'http' });
    expect(withJob?.job.name).toBe('etl');
  });

  it('names task events by the payload alias and takes caesium_execution from the payload, not the definition', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['extract'], engine: 'local' });
    const [start] = map([r.taskStarted('extract', { image: '', command: ['./extract.sh'] })], etlJob()); // the definition says docker
    expect(start?.job.name).toBe(`etl.task.${r.task('extract').taskId}`);
    expect(start?.run.facets?.caesium_execution).toMatchObject({ engine: 'local', image: '', command: ['./extract.sh'] });
    const [noCommand] = map([r.taskStarted('extract', { command: undefined })]);
    expect(noCommand?.run.facets?.caesium_execution).not.toHaveProperty('command');
  });

  it('maps a retry of a finished run to a job START of the same run id with the caesium_retry facet', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['extract', 'load'] });
    const [started] = map([r.runStarted()]);
    const retried: EngineEvent = {
      sequence: 9,
      type: 'run_retried',
      jobId: r.jobId,
      runId: r.runId,
      taskId: null,
      timestamp: '2026-01-01T01:00:00.000Z',
      payload: {
        id: r.runId,
        job_id: r.jobId,
        job_alias: 'etl',
        status: 'running',
        attempt: 2,
        attempt_started_at: '2026-01-01T01:00:00.000Z',
        retry_from: 'load',
        downstream: true,
        kept: ['extract'],
        rerun: ['load'],
        previous_status: 'failed',
        total_tasks: 2,
      },
    };
    const events = map([retried], etlJob());
    validAll(events);
    expect(summary(events)).toEqual(['START etl']);
    expect(events[0]?.run.runId).toBe(started?.run.runId);
    expect(events[0]?.run.facets?.caesium_retry).toMatchObject({
      attempt: 2,
      retryFrom: 'load',
      downstream: true,
      keptSteps: ['extract'],
      rerunSteps: ['load'],
    });
  });

  it('maps nothing for cancellations, retries, run_terminal, ready, claimed, schema violations and logs', () => {
    const r = new RunEvents({ tasks: ['a'] });
    const [, terminal] = r.runEnded('succeeded');
    expect(map([...r.runEnded('cancelled'), r.taskRetrying('a'), terminal!, r.log('a', 'x')])).toEqual([]);
  });

  it('uses the configured namespace everywhere and keeps run ids UUIDs even for non-UUID ids', () => {
    const r = new RunEvents({ alias: 'etl', runId: 'run-1', tasks: ['a'] });
    r.task('a').taskRunId = 'tr-1';
    const events = map([r.runStarted(), r.taskStarted('a', { output: { f: '/x' } }), ...r.runEnded('succeeded')], undefined, 'prod');
    validAll(events);
    const [start, task] = events as [RunEvent, RunEvent];
    expect(start.run.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((task.run.facets?.parent as ParentRunFacet).run.runId).toBe(start.run.runId);
    expect(task.run.runId).not.toBe(start.run.runId);
    expect(map([r.taskStarted('a')], undefined, 'prod')[0]?.run.runId).toBe(task.run.runId); // stable
    expect(new Set(events.flatMap((e) => [e.job.namespace, ...e.outputs.map((d) => d.namespace)]))).toEqual(new Set(['prod']));
    expect(task.run.facets?.caesium_execution).toMatchObject({ engine: 'docker' });
  });

  it('the validator rejects what the schemas forbid (it is not vacuous)', () => {
    const r = new RunEvents({ alias: 'etl', tasks: ['a'] });
    const [good] = map([r.taskFailed('a')]);
    const broken = (change: (e: RunEvent) => void): string[] => {
      const copy = structuredClone(good!);
      change(copy);
      return lineageProblems(copy);
    };
    expect(lineageProblems(good!)).toEqual([]);
    expect(broken((e) => (e.run.runId = 'run-1')).join()).toMatch(/runId must match format "uuid"/);
    expect(broken((e) => (e.eventTime = 'yesterday')).join()).toMatch(/eventTime must match format "date-time"/);
    expect(broken((e) => delete (e.run.facets!.parent as Partial<{ job: unknown }>).job).join()).toMatch(
      /run.parent must have required property 'job'/,
    );
    expect(
      broken((e) => delete (e.run.facets!.errorMessage as Partial<{ programmingLanguage: string }>).programmingLanguage).join(),
    ).toMatch(/programmingLanguage/);
    expect(broken((e) => delete (e.run.facets!.caesium_execution as Partial<{ _producer: string }>)._producer).join()).toMatch(/_producer/);
    expect(broken((e) => (e.run.facets!.mystery = e.run.facets!.parent!)).join()).toMatch(/unknown facet mystery/);
    expect(broken((e) => (e.job.facets = {})).join()).toMatch(/empty facets map/);
  });
});
