/**
 * The semantic rules of a harness document, worded as the original words
 * them (docs/decisions.md §14): wrong apiVersion or kind, no scenarios,
 * missing names and paths, duplicates, metrics without value or delta,
 * negative counts; plus what caesium checks up front: metric names, their
 * label names and placeholders, durations.
 */
import { parseDuration } from '../jobdef/duration.js';
import type { Reporter } from '../jobdef/report.js';
import { isBlank, isObj, own, q, type Obj } from '../jobdef/values.js';
import { scenarioPrefix } from './field.js';
import { labelMismatch, metricLabelNames, unsupportedMetricMessage } from './metric-catalog.js';
import { placeholderProblem } from './placeholders.js';

/** Checks a shaped harness document. */
export function checkHarness(root: Obj, report: Reporter): void {
  const apiVersion = own(root, 'apiVersion');
  if (apiVersion !== 'v1')
    report.error(['apiVersion'], 'E_API_VERSION', `unsupported apiVersion: ${text(apiVersion)}`, { hint: 'set apiVersion: v1' });
  const kind = own(root, 'kind');
  if (kind !== 'Harness') report.error(['kind'], 'E_KIND', `unsupported kind: ${text(kind)}`, { hint: 'set kind: Harness' });
  const scenarios = own(root, 'scenarios');
  if (scenarios === undefined || (Array.isArray(scenarios) && scenarios.length === 0)) {
    report.error(['scenarios'], 'E_NO_SCENARIOS', 'scenarios must contain at least one entry', {
      hint: 'add a `- name: …` entry under scenarios',
    });
    return;
  }
  if (!Array.isArray(scenarios)) return;
  const names = new Set<string>();
  scenarios.forEach((s: unknown, i) => {
    if (!isObj(s)) return;
    checkScenario(s, i, report);
    const name = own(s, 'name');
    if (typeof name !== 'string' || name.trim() === '') return;
    if (names.has(name))
      report.error(['scenarios', i, 'name'], 'E_DUPLICATE', `duplicate scenario name ${q(name)}`, {
        hint: 'give each scenario its own name',
      });
    names.add(name);
  });
}

function checkScenario(s: Obj, i: number, report: Reporter): void {
  const at = (...rest: (string | number)[]): (string | number)[] => ['scenarios', i, ...rest];
  const err = (path: (string | number)[], code: string, message: string, hint?: string): void =>
    report.error(path, code, `${scenarioPrefix(i)}${message}`, hint === undefined ? {} : { hint });
  if (isBlank(own(s, 'name'))) err(at('name'), 'E_REQUIRED', 'name is required', 'add `name:` to the scenario');
  if (isBlank(own(s, 'path')))
    err(at('path'), 'E_REQUIRED', 'path is required', 'add `path:` (a job file or directory, relative to this file)');
  const maxParallel = own(s, 'maxParallel');
  if (typeof maxParallel === 'number' && maxParallel < 0) err(at('maxParallel'), 'E_RANGE', 'maxParallel must be >= 0');
  const runs = own(s, 'runs');
  if (typeof runs === 'number' && runs < 1) err(at('runs'), 'E_RANGE', 'runs must be >= 1');
  for (const key of ['taskTimeout', 'runTimeout']) {
    const raw = own(s, key);
    const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
    if (ms !== undefined && ms < 0) err(at(key), 'E_RANGE', `${key} must be >= 0`);
  }
  const expect = own(s, 'expect');
  if (!isObj(expect)) return;
  checkTasks(own(expect, 'tasks'), at('expect', 'tasks'), err);
  checkMetrics(own(expect, 'metrics'), at('expect', 'metrics'), err);
  checkLineage(own(expect, 'lineage'), at('expect', 'lineage'), err);
}

type Err = (path: (string | number)[], code: string, message: string, hint?: string) => void;

function checkTasks(tasks: unknown, at: (string | number)[], err: Err): void {
  if (!Array.isArray(tasks)) return;
  const seen = new Set<string>();
  tasks.forEach((t: unknown, j) => {
    if (!isObj(t)) return;
    const name = own(t, 'name');
    if (isBlank(name)) err([...at, j, 'name'], 'E_REQUIRED', `expect.tasks[${j}].name is required`, 'name the step this entry asserts');
    const count = own(t, 'schemaViolationCount');
    if (typeof count === 'number' && count < 0)
      err([...at, j, 'schemaViolationCount'], 'E_RANGE', `expect.tasks[${j}].schemaViolationCount must be >= 0`);
    if (typeof name !== 'string' || name.trim() === '') return;
    if (seen.has(name)) err([...at, j, 'name'], 'E_DUPLICATE', `duplicate expected task ${q(name)}`, 'merge the assertions into one entry');
    seen.add(name);
  });
}

function checkMetrics(metrics: unknown, at: (string | number)[], err: Err): void {
  if (!Array.isArray(metrics)) return;
  metrics.forEach((m: unknown, j) => {
    if (!isObj(m)) return;
    const name = own(m, 'name');
    if (isBlank(name)) err([...at, j, 'name'], 'E_REQUIRED', `expect.metrics[${j}].name is required`);
    else if (typeof name === 'string' && metricLabelNames(name) === undefined)
      err([...at, j, 'name'], 'E_METRIC', unsupportedMetricMessage(name));
    if (own(m, 'value') === undefined && own(m, 'delta') === undefined) {
      err(
        [...at, j],
        'E_VALUE_OR_DELTA',
        `expect.metrics[${j}] must set value or delta`,
        'add `value:` (the reading after the run) or `delta:` (its change)',
      );
    }
    const labels = own(m, 'labels') ?? {};
    if (!isObj(labels)) return;
    for (const [key, raw] of Object.entries(labels)) {
      const problem = typeof raw === 'string' ? placeholderProblem(raw) : undefined;
      if (problem !== undefined)
        err([...at, j, 'labels', key], 'E_PLACEHOLDER', problem, 'use $job_id, $job_alias or $task_id:<step name>');
    }
    if (typeof name !== 'string') return;
    const mismatch = labelMismatch(name, labels as Record<string, string>);
    if (mismatch !== undefined)
      err([...at, j, 'labels'], 'E_LABELS', `metric ${name}: ${mismatch}`, "list exactly the metric's label names");
  });
}

function checkLineage(lineage: unknown, at: (string | number)[], err: Err): void {
  if (!isObj(lineage)) return;
  const total = own(lineage, 'totalEvents');
  if (typeof total === 'number' && total < 0) err([...at, 'totalEvents'], 'E_RANGE', 'expect.lineage.totalEvents must be >= 0');
  const types = own(lineage, 'eventTypes');
  if (isObj(types)) {
    for (const [type, count] of Object.entries(types)) {
      if (typeof count === 'number' && count < 0)
        err([...at, 'eventTypes', type], 'E_RANGE', `expect.lineage.eventTypes[${q(type)}] must be >= 0`);
    }
  }
  const impact = own(lineage, 'impact');
  if (!Array.isArray(impact)) return;
  impact.forEach((query: unknown, j) => {
    if (!isObj(query)) return;
    // A missing key is the schema's `required` error; these catch what is written but empty.
    const dataset = own(query, 'dataset');
    if (dataset !== undefined && isBlank(dataset))
      err(
        [...at, 'impact', j],
        'E_REQUIRED',
        `expect.lineage.impact[${j}].dataset is required`,
        'name the root dataset, e.g. <alias>.<step>.output',
      );
    const downstream = own(query, 'downstream');
    if (Array.isArray(downstream) && downstream.length === 0)
      err(
        [...at, 'impact', j],
        'E_REQUIRED',
        `expect.lineage.impact[${j}] must list at least one downstream dataset`,
        'add downstream: [<dataset>]',
      );
    const depth = own(query, 'maxDepth');
    if (typeof depth === 'number' && depth < 0)
      err([...at, 'impact', j, 'maxDepth'], 'E_RANGE', `expect.lineage.impact[${j}].maxDepth must be >= 0`);
  });
}

/** The value as the message shows it; `(none)` when the key is missing. */
function text(v: unknown): string {
  if (v === undefined || v === null || v === '') return '(none)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
