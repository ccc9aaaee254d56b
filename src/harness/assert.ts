/**
 * Evaluating a scenario's expectations against what its last run produced.
 * Every failed assertion is reported, in the original's order and words
 * (docs/decisions.md §14).
 */
import type { TaskSummary } from '../engine/run-types.js';
import { impactFailures } from './lineage-impact.js';
import { metricFailures } from './measure.js';
import type { Observations } from './result.js';
import type { Expectation, LineageExpectation, TaskExpectation } from './scenario.js';

/** The failure messages; empty when the scenario passed. */
export function evaluate(expect: Expectation, obs: Observations): string[] {
  const failures: string[] = [];
  const { run } = obs;
  if (run.status !== expect.runStatus) failures.push(`run status: expected ${expect.runStatus}, got ${run.status}`);
  if (expect.errorContains !== undefined) {
    const actual = run.error ?? '';
    if (!actual.includes(expect.errorContains)) failures.push(`run error: expected substring ${q(expect.errorContains)}, got ${q(actual)}`);
  }
  const byName = new Map(run.tasks.map((t) => [t.name, t]));
  for (const want of expect.tasks) {
    const task = byName.get(want.name);
    if (task === undefined) failures.push(`task ${want.name}: not found in run result`);
    else failures.push(...taskFailures(want, task, obs.logs.get(want.name) ?? ''));
  }
  expect.metrics.forEach((m, i) => {
    const o = obs.metrics[i];
    if (o !== undefined) failures.push(...metricFailures(m, o));
  });
  if (expect.lineage !== undefined) failures.push(...lineageFailures(expect.lineage, obs));
  return failures;
}

function taskFailures(want: TaskExpectation, task: TaskSummary, log: string): string[] {
  const out: string[] = [];
  const name = want.name;
  if (want.status !== undefined && task.status !== want.status)
    out.push(`task ${name} status: expected ${want.status}, got ${task.status}`);
  if (want.cacheHit !== undefined && task.cacheHit !== want.cacheHit)
    out.push(`task ${name} cacheHit: expected ${want.cacheHit}, got ${task.cacheHit}`);
  const violations = task.schemaViolations.length;
  if (want.schemaViolationCount !== undefined && violations !== want.schemaViolationCount) {
    out.push(`task ${name} schemaViolationCount: expected ${want.schemaViolationCount}, got ${violations}`);
  }
  const error = task.error ?? '';
  if (want.errorContains !== undefined && !error.includes(want.errorContains)) {
    out.push(`task ${name} error: expected substring ${q(want.errorContains)}, got ${q(error)}`);
  }
  for (const [key, value] of Object.entries(want.output ?? {})) {
    const got = task.output[key] ?? '';
    if (got !== value) out.push(`task ${name} output[${key}]: expected ${q(value)}, got ${q(got)}`);
  }
  for (const fragment of want.logContains ?? []) {
    if (!log.includes(fragment)) out.push(`task ${name} log: expected substring ${q(fragment)}`);
  }
  return out;
}

function lineageFailures(want: LineageExpectation, obs: Observations): string[] {
  const out: string[] = [];
  if (obs.lineageError !== undefined) out.push(`lineage subscriber: ${obs.lineageError}`);
  const events = obs.lineage;
  if (want.totalEvents !== undefined && events.length !== want.totalEvents)
    out.push(`lineage totalEvents: expected ${want.totalEvents}, got ${events.length}`);
  const counts = new Map<string, number>();
  const names = new Set<string>();
  for (const e of events) {
    counts.set(e.eventType, (counts.get(e.eventType) ?? 0) + 1);
    names.add(e.job.name);
  }
  for (const [type, count] of Object.entries(want.eventTypes ?? {})) {
    const got = counts.get(type) ?? 0;
    if (got !== count) out.push(`lineage eventTypes[${type}]: expected ${count}, got ${got}`);
  }
  for (const name of want.jobNames ?? []) {
    if (!names.has(name)) out.push(`lineage jobNames: expected ${q(name)} to appear`);
  }
  out.push(...impactFailures(want.impact ?? [], events));
  return out;
}

/** Quotes like Go's `%q` for ordinary text. */
function q(s: string): string {
  return JSON.stringify(s);
}
