/**
 * Every job version carries its job's stable id (`jobs.stable_id`), so the
 * engine names a run's job by it in events and payloads: the id REST shows,
 * the same for every version of an alias: the job catalog's id once the
 * server registers the alias, else the id of its first version (a local run);
 * later versions inherit it.
 *
 * Rows written before: an alias in the job catalog keeps the catalog's id,
 * any other alias takes its first version's id; persisted events are
 * rewritten from the version id they named to the stable id, in the envelope
 * and in the run payloads' `job_id`.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const RUN_EVENT_TYPES = ['run_started', 'run_completed', 'run_failed', 'run_cancelled', 'run_terminal'];
const PAGE = 500;

/** Adds `jobs.stable_id` and restates the persisted events with it. */
export function jobStableIdsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('jobs').addColumn('stable_id', 'text').execute();
      await sql`update jobs set stable_id = coalesce(
          (select c.id from job_catalog c where c.alias = jobs.alias),
          (select f.id from jobs f where f.alias = jobs.alias order by f.version limit 1))`.execute(db);
      await sql`update execution_events set job_id = (select j.stable_id from jobs j where j.id = execution_events.job_id)
          where job_id in (select id from jobs)`.execute(db);
      await restatePayloads(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      // Events keep the stable ids: the version they named is no longer known per event.
      await db.schema.alterTable('jobs').dropColumn('stable_id').execute();
    },
  };
}

/** Sets the `job_id` of every run payload to its event's (now stable) job id. */
async function restatePayloads(db: Kysely<unknown>): Promise<void> {
  const types = sql.join(RUN_EVENT_TYPES.map((t) => sql.lit(t)));
  for (let after = 0; ;) {
    const { rows } = await sql<{ sequence: number | string; job_id: string | null; payload: string | null }>`
        select sequence, job_id, payload from execution_events
        where sequence > ${after} and type in (${types}) order by sequence limit ${PAGE}`.execute(db);
    for (const row of rows) {
      const payload = row.payload === null ? undefined : (JSON.parse(row.payload) as unknown);
      if (row.job_id === null || typeof payload !== 'object' || payload === null || Array.isArray(payload)) continue;
      const record = payload as Record<string, unknown>;
      if (typeof record.job_id !== 'string' || record.job_id === row.job_id) continue;
      record.job_id = row.job_id;
      await sql`update execution_events set payload = ${JSON.stringify(record)} where sequence = ${row.sequence}`.execute(db);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return;
    after = Number(last.sequence);
  }
}
