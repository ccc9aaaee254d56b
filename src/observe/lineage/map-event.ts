/**
 * Engine events to OpenLineage run events (docs/decisions.md §6, D10): job
 * level for run start and end, task level for task start and end, and a
 * START + COMPLETE pair marked `caesium_cache` for a cache hit. Pure.
 */
import type { EngineEvent, ExecutionEvent, TaskRunPayload } from '../../engine/ports/events.js';
import type { ObservedJob } from '../job-info.js';
import { taskDatasets } from './datasets.js';
import {
  cacheFacet,
  dagFacet,
  errorFacet,
  executionFacet,
  jobTypeFacet,
  parentFacet,
  PRODUCER,
  retryFacet,
  RUN_EVENT_SCHEMA_URL,
  sourceCodeFacet,
} from './facets.js';
import type { Facets, RunEvent, RunEventType } from './run-event.js';
import { lineageRunId } from './run-id.js';

/**
 * The engine events that produce lineage; `run_cancelled`, `task_retrying` and the rest do not (docs/decisions.md §6).
 * `run_retried` is a job-level START of the same run id with a `caesium_retry` facet (docs/run-control.md).
 */
export const LINEAGE_SOURCE_EVENTS: ReadonlySet<EngineEvent['type']> = new Set([
  'run_started',
  'run_retried',
  'run_completed',
  'run_failed',
  'task_started',
  'task_succeeded',
  'task_failed',
  'task_skipped',
  'task_cached',
]);

/** What a mapping needs besides the event. */
export interface MapContext {
  namespace: string;
  /** The applied definition of the event's job, when known: step schemas (datasets) and provenance. */
  job: ObservedJob | undefined;
}

type Event<K extends ExecutionEvent['type']> = Extract<ExecutionEvent, { type: K }>;
type TaskEvent = Event<'task_started' | 'task_succeeded' | 'task_failed' | 'task_skipped' | 'task_cached'>;
type LineageSourceType = 'run_started' | 'run_retried' | 'run_completed' | 'run_failed' | TaskEvent['type'];

/** The job's alias, which every lineage source event carries (job-level events are named by it, docs/decisions.md §6). */
function jobAliasOf(event: Event<LineageSourceType>): string {
  return event.payload.job_alias;
}

/** The lineage events of one engine event (none, one, or two for a cache hit). */
export function mapEvent(event: EngineEvent, ctx: MapContext): RunEvent[] {
  switch (event.type) {
    case 'run_started':
      // docs/decisions.md D10: the real task count (the run's task runs exist before run_started), not the original's 0.
      return [
        jobEvent('START', event, ctx, { caesium_dag: dagFacet(event.payload.total_tasks, { triggerType: event.payload.trigger_type }) }),
      ];
    case 'run_retried':
      return [jobEvent('START', event, ctx, { caesium_retry: retryFacet(event.payload) })];
    case 'run_completed':
      return [jobEvent('COMPLETE', event, ctx, {})];
    case 'run_failed': {
      const error = event.payload.error;
      return [jobEvent('FAIL', event, ctx, error !== undefined && error !== '' ? { errorMessage: errorFacet(error) } : {})];
    }
    case 'task_started':
      return [taskEvent('START', event.timestamp, event, ctx, {})];
    case 'task_succeeded':
      return [taskEvent('COMPLETE', event.timestamp, event, ctx, {})];
    case 'task_failed': {
      const error = event.payload.error ?? event.payload.failure?.message;
      return [
        taskEvent('FAIL', event.timestamp, event, ctx, error !== undefined && error !== '' ? { errorMessage: errorFacet(error) } : {}),
      ];
    }
    case 'task_skipped':
      return [taskEvent('ABORT', event.timestamp, event, ctx, {})];
    case 'task_cached': {
      // docs/decisions.md D10: a cache hit is a task run that started and completed without executing.
      const cache = { caesium_cache: cacheFacet(event.payload) };
      return [
        taskEvent('START', event.payload.started_at ?? event.timestamp, event, ctx, cache),
        taskEvent('COMPLETE', event.payload.completed_at ?? event.timestamp, event, ctx, cache),
      ];
    }
    case 'run_cancelled':
    case 'run_terminal':
    case 'task_ready':
    case 'task_claimed':
    case 'task_retrying':
    case 'schema_violation_recorded':
    case 'run_queued':
    case 'job_paused':
    case 'job_unpaused':
    case 'task_log':
      return [];
  }
}

function jobEvent(
  eventType: RunEventType,
  event: Event<'run_started' | 'run_retried' | 'run_completed' | 'run_failed'>,
  ctx: MapContext,
  runFacets: Facets,
): RunEvent {
  return {
    eventTime: event.timestamp,
    eventType,
    producer: PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA_URL,
    run: withFacets({ runId: lineageRunId(event.runId) }, runFacets),
    job: { namespace: ctx.namespace, name: jobAliasOf(event), facets: jobFacets('JOB', ctx.job) },
    inputs: [],
    outputs: [],
  };
}

function taskEvent(eventType: RunEventType, eventTime: string, event: TaskEvent, ctx: MapContext, extra: Facets): RunEvent {
  const p: TaskRunPayload = event.payload;
  const alias = jobAliasOf(event);
  const step = ctx.job?.steps.find((s) => s.name === p.name);
  const runFacets: Facets = {
    parent: parentFacet(ctx.namespace, lineageRunId(event.runId), alias),
    caesium_execution: executionFacet(p),
    ...extra,
  };
  const datasets = taskDatasets({
    namespace: ctx.namespace,
    jobAlias: alias,
    stepName: p.name,
    output: p.output,
    outputSchema: step?.outputSchema,
    inputSchema: step?.inputSchema,
  });
  return {
    eventTime,
    eventType,
    producer: PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA_URL,
    run: withFacets({ runId: lineageRunId(p.id) }, runFacets),
    job: { namespace: ctx.namespace, name: `${alias}.task.${p.task_id}`, facets: jobFacets('TASK', ctx.job) },
    ...datasets,
  };
}

function jobFacets(jobType: 'JOB' | 'TASK', job: ObservedJob | undefined): Facets {
  const facets: Facets = { jobType: jobTypeFacet(jobType) };
  if (job?.provenance !== undefined && job.provenance.repo !== '') facets.sourceCodeLocation = sourceCodeFacet(job.provenance);
  return facets;
}

/** Empty facet maps are left out (docs/decisions.md §6). */
function withFacets<T extends object>(target: T, facets: Facets): T & { facets?: Facets } {
  return Object.keys(facets).length === 0 ? target : { ...target, facets };
}
