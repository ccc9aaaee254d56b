/** The cron scheduler's cursor per job, and the cron triggers it schedules. */
import type { CronTriggerRow, TriggerStateQueries } from '../ports/scheduling.js';
import type { Db } from '../db.js';
import { fromFlag } from '../json.js';
import { currentTriggersOf } from './catalog.js';

/** Trigger-state queries over `db`. */
export function triggerStateQueries(db: Db): TriggerStateQueries {
  return {
    async cronTriggers() {
      const rows = await currentTriggersOf(db, 'cron')
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
        .orderBy('job_catalog.alias')
        .execute();
      return rows.map((row): CronTriggerRow => ({
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
      }));
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
      const result = await db
        .updateTable('trigger_state')
        .set(values)
        .where('job_id', '=', jobId)
        .where('last_slot', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
