/**
 * The harness scenario model (`kind: Harness`, schemas/harness.v1.json) after
 * validation: defaults applied, durations in milliseconds, each scenario with
 * the place it was declared.
 */
import type { SourcePosition } from '../errors.js';
import type { RunStatus, TaskRunStatus } from '../engine/ports/status.js';

/** Engines a scenario (or `caesium test --engine`) may force every step onto. */
export const SCENARIO_ENGINES = ['local', 'docker', 'podman'] as const;
export type ScenarioEngine = (typeof SCENARIO_ENGINES)[number];

/** Lineage event types a scenario may count. */
export const LINEAGE_EVENT_TYPES = ['START', 'COMPLETE', 'FAIL', 'ABORT'] as const;
export type LineageEventType = (typeof LINEAGE_EVENT_TYPES)[number];

/** Assertions on one task of the run. */
export interface TaskExpectation {
  name: string;
  status?: TaskRunStatus;
  output?: Record<string, string>;
  logContains?: string[];
  schemaViolationCount?: number;
  cacheHit?: boolean;
  errorContains?: string;
}

/** One metric series; at least one of `value` and `delta` is set. */
export interface MetricExpectation {
  name: string;
  /** Label values as written, placeholders (`$job_id`, …) unresolved. */
  labels: Record<string, string>;
  value?: number;
  delta?: number;
}

/** An impact query over the run's lineage graph: datasets that must lie downstream of `dataset`. */
export interface ImpactExpectation {
  dataset: string;
  /** Unset: the harness namespace `caesium-harness`. */
  namespace?: string;
  /** Edges followed from the root; 0 is unbounded. */
  maxDepth: number;
  /** At least one name. */
  downstream: string[];
}

/** Assertions on the OpenLineage events of the run. */
export interface LineageExpectation {
  totalEvents?: number;
  eventTypes?: Partial<Record<LineageEventType, number>>;
  jobNames?: string[];
  impact?: ImpactExpectation[];
}

/** What the (last) run must look like. */
export interface Expectation {
  /** Default `succeeded`. */
  runStatus: Exclude<RunStatus, 'running'>;
  errorContains?: string;
  tasks: TaskExpectation[];
  metrics: MetricExpectation[];
  /** Set: lineage is recorded for the scenario and asserted. */
  lineage?: LineageExpectation;
}

/** One validated scenario. */
export interface Scenario {
  name: string;
  /** The job file or directory as written (relative to the scenario file's directory). */
  path: string;
  alias?: string;
  /** 0: the job's `maxParallelTasks`, else the CPU count. */
  maxParallel: number;
  /** 0: the job's own timeout. */
  taskTimeoutMs: number;
  runTimeoutMs: number;
  /** ≥ 1; expectations apply to the last run. */
  runs: number;
  params: Record<string, string>;
  engine?: ScenarioEngine;
  expect: Expectation;
}

/** A scenario and where it was declared (its `- name:` entry). */
export interface ResolvedScenario {
  scenario: Scenario;
  /** The scenario file, as shown to the user. */
  file: string;
  /** Position of the scenario's entry in `file`. */
  position: SourcePosition;
}
