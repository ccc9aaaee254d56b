/** Job versions, their steps (tasks), edges, trigger and callbacks. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AppliedJob, EdgeRecord, JobQueries, JobRecord, TaskRecord } from '../../engine/ports/run-store.js';
import type { CacheSpec, Engine, Job, StepType } from '../../jobdef/types.js';
import { contentHash } from '../content-hash.js';
import { chunks, inTransaction, type Db } from '../db.js';
import { fromFlag, fromJson, toFlag, toJson } from '../json.js';
import type { JobsTable, TasksTable } from '../schema.js';
import { normalizedJson, storedJob } from '../stored-job.js';

/** Job queries over `db`. */
export function jobQueries(db: Db): JobQueries {
  return {
    apply: (job, options) => inTransaction(db, (tx) => apply(tx, job, options.appliedAt)),
    async get(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toJob(row);
    },
    async current(alias) {
      const row = await db.selectFrom('jobs').selectAll().where('alias', '=', alias).where('is_current', '=', 1).executeTakeFirst();
      return row === undefined ? undefined : toJob(row);
    },
    tasks: (jobId) => tasksOf(db, jobId),
    edges: (jobId) => edgesOf(db, jobId),
  };
}

async function apply(db: Db, job: Job, appliedAt: string): Promise<AppliedJob> {
  const hash = contentHash({ ...job, source: undefined });
  const current = await db.selectFrom('jobs').selectAll().where('alias', '=', job.alias).where('is_current', '=', 1).executeTakeFirst();
  if (current !== undefined && current.content_hash === hash) {
    return { job: toJob(current), tasks: await tasksOf(db, current.id), edges: await edgesOf(db, current.id), changed: false };
  }
  const last = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('alias', '=', job.alias)
    .executeTakeFirst();
  if (current !== undefined) await db.updateTable('jobs').set({ is_current: 0 }).where('id', '=', current.id).execute();
  const id = randomUUID();
  const row: JobsTable = {
    id,
    alias: job.alias,
    version: Number(last?.version ?? 0) + 1,
    content_hash: hash,
    definition: JSON.stringify(job.spec),
    is_current: 1,
    created_at: appliedAt,
    stable_id: current === undefined ? id : (current.stable_id ?? current.id),
    normalized: normalizedJson(job),
  };
  await db.insertInto('jobs').values(row).execute();

  const tasks = job.steps.map((step): TasksTable => ({
    id: randomUUID(),
    job_id: row.id,
    name: step.name,
    type: step.type,
    engine: step.engine,
    image: step.image,
    command: toJson(step.command),
    retries: step.retries,
    retry_delay_ms: step.retryDelayMs,
    retry_backoff: toFlag(step.retryBackoff),
    trigger_rule: step.triggerRule,
    output_schema: toJson(step.outputSchema),
    input_schema: toJson(step.inputSchema),
    cache_config: toJson(step.cache),
    position: step.position,
  }));
  for (const part of chunks(tasks)) await db.insertInto('tasks').values(part).execute();
  const idOf = new Map(tasks.map((t) => [t.name, t.id]));
  const edges = job.edges.map((e) => ({ job_id: row.id, from_task_id: idOf.get(e.from) ?? e.from, to_task_id: idOf.get(e.to) ?? e.to }));
  for (const part of chunks(edges)) await db.insertInto('edges').values(part).execute();
  await db
    .insertInto('triggers')
    .values({
      id: randomUUID(),
      job_id: row.id,
      type: job.trigger.type,
      configuration: JSON.stringify(job.trigger.configuration),
      default_params: JSON.stringify(job.trigger.defaultParams),
    })
    .execute();
  const callbacks = job.callbacks.map((cb, position) => ({
    id: randomUUID(),
    job_id: row.id,
    type: cb.type,
    configuration: JSON.stringify(cb.configuration),
    position,
  }));
  for (const part of chunks(callbacks)) await db.insertInto('callbacks').values(part).execute();

  return {
    job: toJob(row),
    tasks: tasks.map(toTask),
    edges: edges.map((e) => ({ fromTaskId: e.from_task_id, toTaskId: e.to_task_id })),
    changed: true,
  };
}

async function tasksOf(db: Db, jobId: string): Promise<TaskRecord[]> {
  const rows = await db.selectFrom('tasks').selectAll().where('job_id', '=', jobId).orderBy('position').execute();
  return rows.map(toTask);
}

async function edgesOf(db: Db, jobId: string): Promise<EdgeRecord[]> {
  const rows = await db.selectFrom('edges').select(['from_task_id', 'to_task_id']).where('job_id', '=', jobId).execute();
  return rows.map((e) => ({ fromTaskId: e.from_task_id, toTaskId: e.to_task_id }));
}

/** A `jobs` row as a record; its normalised `job` is decoded when first read. */
export function toJob(row: Selectable<JobsTable>): JobRecord {
  const definition = JSON.parse(row.definition) as unknown;
  let job: Job | undefined;
  return {
    id: row.id,
    stableId: row.stable_id ?? row.id,
    alias: row.alias,
    version: Number(row.version),
    contentHash: row.content_hash,
    definition,
    get job(): Job {
      return (job ??= storedJob(row, row.normalized, definition));
    },
    current: fromFlag(row.is_current),
    createdAt: row.created_at,
  };
}

/** A `tasks` row as a record. */
export function toTask(row: Selectable<TasksTable>): TaskRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    name: row.name,
    position: Number(row.position),
    type: row.type as StepType,
    engine: row.engine as Engine,
    image: row.image,
    command: fromJson<string[]>(row.command),
    retries: Number(row.retries),
    retryDelayMs: Number(row.retry_delay_ms),
    retryBackoff: fromFlag(row.retry_backoff),
    triggerRule: row.trigger_rule,
    outputSchema: fromJson<Record<string, unknown>>(row.output_schema),
    inputSchema: fromJson<Record<string, Record<string, unknown>>>(row.input_schema),
    cacheConfig: fromJson<CacheSpec>(row.cache_config),
  };
}
