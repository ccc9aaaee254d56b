/**
 * A validated harness document as typed scenarios: defaults applied
 * (`runStatus: succeeded`, `runs: 1`), durations in milliseconds, blank
 * optional text treated as absent.
 */
import type { RunStatus, TaskRunStatus } from '../engine/ports/status.js';
import { parseDuration } from '../jobdef/duration.js';
import type { LoadedDocument } from '../jobdef/load.js';
import { positionOf } from '../jobdef/position.js';
import { isObj, own, type Obj } from '../jobdef/values.js';
import type {
  Expectation,
  ImpactExpectation,
  LineageEventType,
  LineageExpectation,
  MetricExpectation,
  ResolvedScenario,
  Scenario,
  ScenarioEngine,
  TaskExpectation,
} from './scenario.js';

/** The scenarios of a document that passed validation. */
export function toScenarios(root: Obj, doc: LoadedDocument): ResolvedScenario[] {
  const list = own(root, 'scenarios') as Obj[];
  return list.map((s, i) => {
    const { line, col } = positionOf(doc.doc, doc.lineCounter, ['scenarios', i]);
    return { scenario: toScenario(s), file: doc.file, position: { file: doc.file, line, col } };
  });
}

function toScenario(s: Obj): Scenario {
  const out: Scenario = {
    name: own(s, 'name') as string,
    path: (own(s, 'path') as string).trim(),
    maxParallel: num(own(s, 'maxParallel')) ?? 0,
    taskTimeoutMs: ms(own(s, 'taskTimeout')),
    runTimeoutMs: ms(own(s, 'runTimeout')),
    runs: num(own(s, 'runs')) ?? 1,
    params: strings(own(s, 'params')),
    expect: toExpectation(own(s, 'expect')),
  };
  const alias = text(own(s, 'alias'));
  if (alias !== undefined) out.alias = alias;
  const engine = own(s, 'engine');
  if (typeof engine === 'string') out.engine = engine as ScenarioEngine;
  return out;
}

function toExpectation(e: unknown): Expectation {
  const x = isObj(e) ? e : {};
  const out: Expectation = {
    runStatus: (text(own(x, 'runStatus')) ?? 'succeeded') as Exclude<RunStatus, 'running'>,
    tasks: list(own(x, 'tasks')).map(toTask),
    metrics: list(own(x, 'metrics')).map(toMetric),
  };
  const error = text(own(x, 'errorContains'));
  if (error !== undefined) out.errorContains = error;
  const lineage = own(x, 'lineage');
  if (isObj(lineage)) out.lineage = toLineage(lineage);
  return out;
}

function toTask(t: Obj): TaskExpectation {
  const out: TaskExpectation = { name: own(t, 'name') as string };
  const status = text(own(t, 'status'));
  if (status !== undefined) out.status = status as TaskRunStatus;
  if (isObj(own(t, 'output'))) out.output = strings(own(t, 'output'));
  const logs = own(t, 'logContains');
  if (Array.isArray(logs)) out.logContains = logs.map(String);
  const count = num(own(t, 'schemaViolationCount'));
  if (count !== undefined) out.schemaViolationCount = count;
  const cacheHit = own(t, 'cacheHit');
  if (typeof cacheHit === 'boolean') out.cacheHit = cacheHit;
  const error = text(own(t, 'errorContains'));
  if (error !== undefined) out.errorContains = error;
  return out;
}

function toMetric(m: Obj): MetricExpectation {
  const out: MetricExpectation = { name: (own(m, 'name') as string).trim(), labels: strings(own(m, 'labels')) };
  const value = num(own(m, 'value'));
  if (value !== undefined) out.value = value;
  const delta = num(own(m, 'delta'));
  if (delta !== undefined) out.delta = delta;
  return out;
}

function toLineage(l: Obj): LineageExpectation {
  const out: LineageExpectation = {};
  const total = num(own(l, 'totalEvents'));
  if (total !== undefined) out.totalEvents = total;
  const types = own(l, 'eventTypes');
  if (isObj(types)) out.eventTypes = Object.fromEntries(Object.entries(types).map(([k, v]) => [k as LineageEventType, Number(v)]));
  const names = own(l, 'jobNames');
  if (Array.isArray(names)) out.jobNames = names.map(String);
  const impact = own(l, 'impact');
  if (Array.isArray(impact)) out.impact = list(impact).map(toImpact);
  return out;
}

function toImpact(i: Obj): ImpactExpectation {
  const out: ImpactExpectation = { dataset: String(own(i, 'dataset')), maxDepth: num(own(i, 'maxDepth')) ?? 0, downstream: [] };
  const namespace = text(own(i, 'namespace'));
  if (namespace !== undefined) out.namespace = namespace;
  const downstream = own(i, 'downstream');
  if (Array.isArray(downstream)) out.downstream = downstream.map(String);
  return out;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function strings(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : String(x)]));
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Optional text: absent when missing or blank (the original compares against ""). */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function ms(v: unknown): number {
  return typeof v === 'string' ? (parseDuration(v) ?? 0) : 0;
}
