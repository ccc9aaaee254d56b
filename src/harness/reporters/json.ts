/**
 * The JSON report (`--reporter json`). Its shape is stable and documented in
 * harness/README.md; fields are only ever added.
 *
 * ```
 * { version: 1,
 *   summary: { total, passed, failed, startedAt, durationMs },
 *   scenarios: [{ name, file, line, column, status: "passed"|"failed", durationMs,
 *                 error: string|null, failures: string[],
 *                 run: null | { jobAlias, jobId, runId, status, error, runs,
 *                               tasks: [{ name, status, cacheHit, error, output, schemaViolations }] },
 *                 metrics: [{ name, labels, value, delta }],
 *                 lineage: null | { events, eventTypes: {TYPE: n}, jobNames: string[] } }] }
 * ```
 */
import type { HarnessReport, ScenarioResult } from '../result.js';
import type { HarnessReporter } from './reporter.js';

/** The report as plain data. */
export function jsonReport(report: HarnessReport): Record<string, unknown> {
  return {
    version: 1,
    summary: {
      total: report.results.length,
      passed: report.passed,
      failed: report.failed,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
    },
    scenarios: report.results.map(scenarioJson),
  };
}

function scenarioJson(result: ScenarioResult): Record<string, unknown> {
  const { scenario, file, position } = result.scenario;
  const obs = result.observations;
  const run = obs?.run;
  return {
    name: scenario.name,
    file,
    line: position.line,
    column: position.col,
    status: result.passed ? 'passed' : 'failed',
    durationMs: result.durationMs,
    error: result.error ?? null,
    failures: result.failures,
    run:
      run === undefined
        ? null
        : {
            jobAlias: run.jobAlias,
            jobId: run.jobId,
            runId: run.runId,
            status: run.status,
            error: run.error,
            runs: obs?.runs.length ?? 1,
            tasks: run.tasks.map((t) => ({
              name: t.name,
              status: t.status,
              cacheHit: t.cacheHit,
              error: t.error,
              output: t.output,
              schemaViolations: t.schemaViolations.length,
            })),
          },
    metrics: obs?.metrics ?? [],
    lineage: obs === undefined || scenario.expect.lineage === undefined ? null : lineageJson(obs.lineage),
  };
}

function lineageJson(events: readonly { eventType: string; job: { name: string } }[]): Record<string, unknown> {
  const eventTypes: Record<string, number> = {};
  const names: string[] = [];
  for (const e of events) {
    eventTypes[e.eventType] = (eventTypes[e.eventType] ?? 0) + 1;
    if (!names.includes(e.job.name)) names.push(e.job.name);
  }
  return { events: events.length, eventTypes, jobNames: names };
}

/** Hands the document (pretty-printed, with a final newline) to `write` when the session ends. */
export function createJsonReporter(write: (text: string) => void | Promise<void>): HarnessReporter {
  return { name: 'json', onEnd: (report) => write(`${JSON.stringify(jsonReport(report), null, 2)}\n`) };
}
