/**
 * OpenLineage 2-0-2 `RunEvent` and the facets caesium emits, written from the
 * published spec (no client library exists on npm). JSON keys are the spec's.
 */

/** A run's state transition. caesium emits START, COMPLETE, FAIL and ABORT. */
export type RunEventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';

/** Every facet's `_producer` and `_schemaURL`. */
export interface BaseFacet {
  _producer: string;
  _schemaURL: string;
}

/** A map of facets by key; empty maps are left out of events. */
export type Facets = Record<string, BaseFacet>;

export interface LineageRun {
  /** A UUID. */
  runId: string;
  facets?: Facets;
}

export interface LineageJob {
  namespace: string;
  name: string;
  facets?: Facets;
}

export interface LineageDataset {
  namespace: string;
  name: string;
  facets?: Facets;
}

/** One OpenLineage run event. `inputs` and `outputs` are always arrays. */
export interface RunEvent {
  /** ISO-8601 date-time. */
  eventTime: string;
  eventType: RunEventType;
  producer: string;
  schemaURL: string;
  run: LineageRun;
  job: LineageJob;
  inputs: LineageDataset[];
  outputs: LineageDataset[];
}

/** Standard job facet `jobType`. */
export interface JobTypeJobFacet extends BaseFacet {
  processingType: 'BATCH';
  integration: 'CAESIUM';
  jobType: 'JOB' | 'TASK';
}

/** Standard job facet `sourceCodeLocation`. */
export interface SourceCodeLocationJobFacet extends BaseFacet {
  type: 'git';
  url: string;
  repoUrl?: string;
  branch?: string;
  path?: string;
  version?: string;
}

/** Standard run facet `parent`: the job run a task run belongs to. */
export interface ParentRunFacet extends BaseFacet {
  run: { runId: string };
  job: { namespace: string; name: string };
}

/** Standard run facet `errorMessage`. */
export interface ErrorMessageRunFacet extends BaseFacet {
  message: string;
  programmingLanguage: string;
}

/** caesium run facet `caesium_dag`, on job START only. */
export interface CaesiumDagFacet extends BaseFacet {
  totalTasks: number;
  triggerType?: string;
  triggerAlias?: string;
}

/** caesium run facet `caesium_retry`, on the job START of a retried run's new attempt. */
export interface CaesiumRetryFacet extends BaseFacet {
  attempt: number;
  /** The step the retry started from; absent when it re-ran what had not succeeded. */
  retryFrom?: string;
  downstream: boolean;
  keptSteps: string[];
  rerunSteps: string[];
}

/** caesium run facet `caesium_execution`, on every task event. */
export interface CaesiumExecutionFacet extends BaseFacet {
  engine: string;
  image: string;
  command?: string[];
  runtimeId?: string;
  claimedBy?: string;
}

/** caesium run facet `caesium_cache` (docs/decisions.md D10): the task's result came from the task cache. */
export interface CaesiumCacheFacet extends BaseFacet {
  cacheHit: true;
  /** The cache key (task hash), when the engine reports it. */
  hash?: string;
  /** The run and task run whose result was reused, when the engine reports them. */
  originRunId?: string;
  originTaskRunId?: string;
}

/** caesium dataset facet `caesium_dataset`. */
export interface CaesiumDatasetFacet extends BaseFacet {
  stepName?: string;
  direction: 'input' | 'output';
  outputKeys?: string[];
}

/** caesium dataset facet `caesium_schema`: the declared JSON Schema. */
export interface CaesiumSchemaFacet extends BaseFacet {
  schema: Record<string, unknown>;
}
