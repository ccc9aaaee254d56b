/**
 * Aggregates for `GET /v1/stats` and `GET /v1/nodes/:address/workers`
 * (docs/decisions.md §11.4), computed by the database: a few GROUP BY queries over the
 * runs of the window (indexed by `started_at`), never every run row.
 */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { InsightQueries, RunSummary } from '../ports/inventory.js';
import type { TaskRunStatus } from '../../engine/ports/status.js';
import type { Db } from '../db.js';

const FINISHED = ['succeeded', 'failed'] as const;

/** Insight queries over `db`. */
export function insightQueries(db: Db): InsightQueries {
  const seconds = durationSeconds(db);
  return {
    async runSummary({ since, recentSince, daysSince, top }) {
      const finished = db
        .selectFrom('runs as r')
        .innerJoin('jobs as j', 'j.id', 'r.job_id')
        .where('r.started_at', '>=', since)
        .where('r.status', 'in', FINISHED);
      const [jobs, recent, totals, failing, failingSteps, slowest, perDay] = await Promise.all([
        db
          .selectFrom('job_catalog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('retired_at', 'is', null)
          .executeTakeFirst(),
        db
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('started_at', '>=', recentSince)
          .executeTakeFirst(),
        db
          .selectFrom('runs')
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            sql<number>`sum(case when status = 'succeeded' then 1 else 0 end)`.as('ok'),
            sql<number>`avg(${seconds('started_at', 'completed_at')})`.as('avg'),
          ])
          .where('started_at', '>=', since)
          .where('status', 'in', FINISHED)
          .executeTakeFirst(),
        finished
          .leftJoin('job_catalog as c', 'c.alias', 'j.alias')
          .select((eb) => [
            'j.alias as alias',
            'c.id as job_id',
            eb.fn.countAll<number>().as('n'),
            sql<string>`max(coalesce(r.completed_at, r.started_at))`.as('last'),
          ])
          .where('r.status', '=', 'failed')
          .groupBy(['j.alias', 'c.id'])
          .orderBy('n', 'desc')
          .orderBy('last', 'desc')
          .orderBy('j.alias')
          .limit(top)
          .execute(),
        // Runs of the window first, then their failed rows by (run_id, status): CROSS JOIN keeps SQLite from scanning task_runs.
        db
          .selectFrom('runs as r')
          .crossJoin('task_runs as tr')
          .innerJoin('jobs as j', 'j.id', 'r.job_id')
          .leftJoin('job_catalog as c', 'c.alias', 'j.alias')
          .whereRef('tr.run_id', '=', 'r.id')
          .where('r.started_at', '>=', since)
          .where('r.status', 'in', FINISHED)
          .select((eb) => ['j.alias as alias', 'c.id as job_id', 'tr.name as step', eb.fn.countAll<number>().as('n')])
          .where('tr.status', '=', 'failed')
          .groupBy(['j.alias', 'c.id', 'tr.name'])
          .orderBy('n', 'desc')
          .orderBy('j.alias')
          .orderBy('tr.name')
          .limit(top)
          .execute(),
        finished
          .leftJoin('job_catalog as c', 'c.alias', 'j.alias')
          .select(['j.alias as alias', 'c.id as job_id', sql<number>`avg(${seconds('r.started_at', 'r.completed_at')})`.as('avg')])
          .where('r.completed_at', 'is not', null)
          .groupBy(['j.alias', 'c.id'])
          .orderBy('avg', 'desc')
          .orderBy('j.alias')
          .limit(top)
          .execute(),
        db
          .selectFrom('runs')
          .select((eb) => [
            sql<string>`substr(started_at, 1, 10)`.as('day'),
            eb.fn.countAll<number>().as('n'),
            sql<number>`sum(case when status = 'succeeded' then 1 else 0 end)`.as('ok'),
          ])
          .where('started_at', '>=', daysSince)
          .where('status', 'in', FINISHED)
          .groupBy(sql`substr(started_at, 1, 10)`)
          .execute(),
      ]);
      const summary: RunSummary = {
        totalJobs: Number(jobs?.n ?? 0),
        recentRuns: Number(recent?.n ?? 0),
        finished: Number(totals?.n ?? 0),
        succeeded: Number(totals?.ok ?? 0),
        avgDurationSeconds: Number(totals?.avg ?? 0),
        topFailing: failing.map((r) => ({ alias: r.alias, jobId: r.job_id, failures: Number(r.n), lastFailure: r.last })),
        topFailingSteps: failingSteps.map((r) => ({ alias: r.alias, jobId: r.job_id, step: r.step, failures: Number(r.n) })),
        slowest: slowest.map((r) => ({ alias: r.alias, jobId: r.job_id, avgDurationSeconds: Number(r.avg ?? 0) })),
        perDay: perDay.map((r) => ({ date: r.day, finished: Number(r.n), succeeded: Number(r.ok) })),
      };
      return summary;
    },

    async workerClaims(claimedBy, activeLimit) {
      if (claimedBy.length === 0) return { byStatus: [], lastActivityAt: null, active: [] };
      const owned = [...claimedBy];
      const [byStatus, active] = await Promise.all([
        db
          .selectFrom('task_runs')
          .select((eb) => [
            'status',
            eb.fn.countAll<number>().as('n'),
            eb.fn.sum<number>('attempt').as('attempts'),
            sql<string | null>`max(coalesce(completed_at, started_at))`.as('last'),
          ])
          .where('claimed_by', 'in', owned)
          .groupBy('status')
          .orderBy('status')
          .execute(),
        db
          .selectFrom('task_runs as tr')
          .innerJoin('runs as r', 'r.id', 'tr.run_id')
          .select([
            'tr.run_id',
            'tr.task_id',
            'tr.status',
            'tr.attempt',
            sql<string>`coalesce(tr.started_at, r.started_at)`.as('updated_at'),
          ])
          .where('tr.claimed_by', 'in', owned)
          .where('tr.status', '=', 'running')
          .orderBy('updated_at', 'desc')
          .orderBy('tr.id', 'desc')
          .limit(activeLimit)
          .execute(),
      ]);
      let last: string | null = null;
      for (const row of byStatus) if (row.last !== null && (last === null || row.last > last)) last = row.last;
      return {
        byStatus: byStatus.map((r) => ({ status: r.status as TaskRunStatus, count: Number(r.n), attempts: Number(r.attempts) })),
        lastActivityAt: last,
        active: active.map((r) => ({
          runId: r.run_id,
          taskId: r.task_id,
          status: r.status as TaskRunStatus,
          attempt: Number(r.attempt),
          updatedAt: r.updated_at,
        })),
      };
    },
  };
}

/** `end - start` in seconds for two ISO-8601 text columns, in the database's dialect. */
function durationSeconds(db: Db): (start: string, end: string) => RawBuilder<number> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return (start, end) => sql<number>`extract(epoch from (${sql.ref(end)}::timestamptz - ${sql.ref(start)}::timestamptz))`;
  }
  return (start, end) => sql<number>`((julianday(${sql.ref(end)}) - julianday(${sql.ref(start)})) * 86400.0)`;
}
