/**
 * `GET /v1/stats` and `GET /v1/stats/summary?window=` (docs/decisions.md §11.4): run
 * statistics over a window (default 7d, docs/decisions.md D17 durations). Rates are fractions
 * (0…1) over the succeeded and failed runs started in the window; the trend
 * has one UTC day per day of the window, today last.
 */
import type { Context, Hono } from 'hono';
import type { StatsJson } from '../../api/stats.js';
import type { RunSummary } from '../../store/ports/inventory.js';
import { parseDuration } from '../../jobdef/duration.js';
import type { AppDeps } from '../app-deps.js';
import { badRequest } from '../http-error.js';

const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_MS = 7 * DAY_MS;
const MAX_WINDOW_MS = 366 * DAY_MS;
const TOP = 5;

/** Registers the stats routes. */
export function statsRoutes(app: Hono, deps: AppDeps): void {
  const summary = async (c: Context, windowMs: number): Promise<Response> => {
    const now = deps.now();
    const days = Math.max(1, Math.ceil(windowMs / DAY_MS));
    const firstDay = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
    const stats = await deps.store.insights.runSummary({
      since: iso(now - windowMs),
      recentSince: iso(now - DAY_MS),
      daysSince: iso(firstDay),
      top: TOP,
    });
    return c.json(statsJson(stats, firstDay, days));
  };
  app.get('/v1/stats', (c) => summary(c, DEFAULT_WINDOW_MS));
  app.get('/v1/stats/summary', (c) => summary(c, windowParam(c.req.query('window'))));
}

function windowParam(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_WINDOW_MS;
  const ms = parseDuration(raw.trim());
  if (ms === undefined || ms <= 0 || ms > MAX_WINDOW_MS)
    throw badRequest(`invalid window "${raw}": use a duration between 1s and 366d, such as 24h, 7d or 30d`);
  return ms;
}

function statsJson(s: RunSummary, firstDay: number, days: number): StatsJson {
  const byDay = new Map(s.perDay.map((d) => [d.date, d]));
  const trend: StatsJson['success_rate_trend'] = [];
  for (let i = 0; i < days; i++) {
    const date = iso(firstDay + i * DAY_MS).slice(0, 10);
    const day = byDay.get(date);
    trend.push({ date, run_count: day?.finished ?? 0, success_rate: rate(day?.succeeded ?? 0, day?.finished ?? 0) });
  }
  return {
    jobs: {
      total: s.totalJobs,
      recent_runs: s.recentRuns,
      success_rate: rate(s.succeeded, s.finished),
      avg_duration_seconds: round(s.avgDurationSeconds),
    },
    top_failing: s.topFailing.map((j) => ({
      job_id: j.jobId ?? '',
      alias: j.alias,
      failure_count: j.failures,
      last_failure: j.lastFailure,
    })),
    top_failing_atoms: s.topFailingSteps.map((j) => ({
      job_id: j.jobId ?? '',
      alias: j.alias,
      atom_name: j.step,
      failure_count: j.failures,
    })),
    slowest_jobs: s.slowest.map((j) => ({ job_id: j.jobId ?? '', alias: j.alias, avg_duration_seconds: round(j.avgDurationSeconds) })),
    success_rate_trend: trend,
  };
}

const rate = (ok: number, total: number): number => (total === 0 ? 0 : ok / total);
const round = (seconds: number): number => Math.round(seconds * 1000) / 1000;
const iso = (ms: number): string => new Date(ms).toISOString();
