/** The cron scheduler's cursor per job, and the cron triggers it schedules. */
import type { Selectable } from 'kysely';
import type { CronTriggerRow, TriggerState, TriggerStateQueries } from '../../engine/ports/scheduling.js';
import type { Db } from '../db.js';
import { fromFlag } from '../json.js';
import type { TriggerStateTable } from '../schema.js';

/** Trigger-state queries over `db`. */
export function triggerStateQueries(db: Db): TriggerStateQueries {
  return {
    async cronTriggers() {
      const rows = await db
        .selectFrom('job_catalog')
        .innerJoin('jobs', (j) => j.onRef('jobs.alias', '=', 'job_catalog.alias').on('jobs.is_current', '=', 1))
        .innerJoin('triggers', 'triggers.job_id', 'jobs.id')
        .leftJoin('trigger_state', 'trigger_state.job_id', 'job_catalog.id')
        .select([
          'job_catalog.id as job_id',
          'job_catalog.alias as alias',
          'job_catalog.paused as paused',
          'jobs.id as version_id',
          'jobs.created_at as applied_at',
          'triggers.id as trigger_id',
          'triggers.configuration as configuration',
          'trigger_state.last_slot as last_slot',
          'trigger_state.schedule as schedule',
          'trigger_state.updated_at as state_updated_at',
        ])
        .where('job_catalog.retired_at', 'is', null)
        .where('triggers.type', '=', 'cron')
        .orderBy('job_catalog.alias')
        .execute();
      return rows.map(
        (row): CronTriggerRow => ({
          jobId: row.job_id,
          alias: row.alias,
          paused: fromFlag(row.paused),
          versionId: row.version_id,
          appliedAt: row.applied_at,
          triggerId: row.trigger_id,
          configuration: parseObject(row.configuration),
          state:
            row.last_slot === null || row.schedule === null || row.state_updated_at === null
              ? undefined
              : { jobId: row.job_id, lastSlot: row.last_slot, schedule: row.schedule, updatedAt: row.state_updated_at },
        }),
      );
    },
    async get(jobId) {
      const row = await db.selectFrom('trigger_state').selectAll().where('job_id', '=', jobId).executeTakeFirst();
      return row === undefined ? undefined : toState(row);
    },
    async advance(jobId, from, to) {
      const values = { last_slot: to.lastSlot, schedule: to.schedule, updated_at: to.now };
      if (from === undefined) {
        const result = await db
          .insertInto('trigger_state')
          .values({ job_id: jobId, ...values })
          .onConflict((oc) => oc.column('job_id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const result = await db.updateTable('trigger_state').set(values).where('job_id', '=', jobId).where('last_slot', '=', from).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

function toState(row: Selectable<TriggerStateTable>): TriggerState {
  return { jobId: row.job_id, lastSlot: row.last_slot, schedule: row.schedule, updatedAt: row.updated_at };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
