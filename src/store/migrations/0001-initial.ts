/** The first schema: jobs and their steps, runs, task runs, events, logs, callbacks, the task cache. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlFlavor } from './flavor.js';

/** Builds the migration for a SQL flavour (only the event sequence column differs). */
export function initialMigration(flavor: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createJobTables(db);
      await createRunTables(db, flavor);
      await createSideTables(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      const tables = [
        'task_caches',
        'callback_runs',
        'callbacks',
        'execution_events',
        'task_logs',
        'task_runs',
        'runs',
        'triggers',
        'edges',
        'tasks',
        'jobs',
      ];
      for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
    },
  };
}

async function createJobTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('jobs_alias_version', ['alias', 'version'])
    .execute();
  await db.schema.createIndex('idx_jobs_alias_current').on('jobs').column('alias').unique().where(sql.ref('is_current'), '=', 1).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('command', 'text')
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('retry_delay_ms', 'integer', (c) => c.notNull())
    .addColumn('retry_backoff', 'integer', (c) => c.notNull())
    .addColumn('trigger_rule', 'text', (c) => c.notNull())
    .addColumn('output_schema', 'text')
    .addColumn('input_schema', 'text')
    .addColumn('cache_config', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('tasks_job_name', ['job_id', 'name'])
    .execute();

  await db.schema
    .createTable('edges')
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id'))
    .addColumn('from_task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('to_task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addPrimaryKeyConstraint('edges_pk', ['from_task_id', 'to_task_id'])
    .execute();
  await db.schema.createIndex('idx_edges_job').on('edges').column('job_id').execute();

  await db.schema
    .createTable('triggers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('configuration', 'text', (c) => c.notNull())
    .addColumn('default_params', 'text', (c) => c.notNull())
    .execute();
}

async function createRunTables(db: Kysely<unknown>, flavor: SqlFlavor): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('idx_runs_job').on('runs').columns(['job_id', 'started_at']).execute();

  await db.schema
    .createTable('task_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('outstanding_predecessors', 'integer', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('exit_code', 'integer')
    .addColumn('output', 'text')
    .addColumn('branch_selections', 'text')
    .addColumn('schema_violations', 'text')
    .addColumn('error', 'text')
    .addColumn('runtime_id', 'text')
    .addColumn('cache_hit', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('not_before', 'text')
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  // The frontier: pending rows of a run with no outstanding predecessors, by position.
  await db.schema
    .createIndex('idx_task_runs_frontier')
    .on('task_runs')
    .columns(['run_id', 'status', 'outstanding_predecessors', 'position'])
    .execute();

  await db.schema
    .createTable('execution_events')
    .addColumn('sequence', flavor === 'postgres' ? 'bigserial' : 'integer', (c) =>
      flavor === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('run_id', 'text')
    .addColumn('task_id', 'text')
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_events_run').on('execution_events').columns(['run_id', 'sequence']).execute();
  await db.schema.createIndex('idx_events_job').on('execution_events').columns(['job_id', 'sequence']).execute();
}

async function createSideTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('task_logs')
    .addColumn('task_run_id', 'text', (c) => c.primaryKey().references('task_runs.id'))
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('truncated', 'integer', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('configuration', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('callback_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('callback_id', 'text', (c) => c.notNull().references('callbacks.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('idx_callback_runs_run').on('callback_runs').column('run_id').execute();

  await db.schema
    .createTable('task_caches')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('task_name', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('branch_selections', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('task_run_id', 'text', (c) => c.notNull())
    .addColumn('resolved_image_digest', 'text')
    .addColumn('hash_input_blob', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema.createIndex('idx_task_cache_job').on('task_caches').column('job_id').execute();
  await db.schema.createIndex('idx_task_cache_expires').on('task_caches').column('expires_at').execute();
}
