/**
 * Job, task and DAG JSON (the `api/job.ts` contract): snake_case, durations
 * as integer nanoseconds, a step is its own atom (`atom_id` is the task id).
 */
import type { DagJson, DagNodeJson, JobJson, TaskJson } from '../../api/job.js';
import type { TriggerJson } from '../../api/inventory.js';
import type { EdgeRecord, TaskRecord, TriggerRecord } from '../../store/ports/store.js';
import type { JobView } from '../job-views.js';
import { provenanceJson, triggerEntryJson } from './inventory-json.js';

const NS_PER_MS = 1_000_000;

/** A job's JSON. */
export function jobJson(view: JobView): JobJson {
  const { entry, version, job } = view;
  const out: JobJson = {
    id: entry.id,
    alias: entry.alias,
    version: version.version,
    labels: job.labels,
    annotations: job.annotations,
    trigger_type: job.trigger.type,
    ...provenanceJson(entry.provenance),
    max_parallel_tasks: job.maxParallelTasks,
    task_timeout: Math.round(job.taskTimeoutMs * NS_PER_MS),
    run_timeout: Math.round(job.runTimeoutMs * NS_PER_MS),
    paused: entry.paused,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  };
  if (job.schemaValidation !== '') out.schema_validation = job.schemaValidation;
  if (job.cache !== undefined) out.cache_config = job.cache;
  if (entry.retiredAt !== null) out.retired_at = entry.retiredAt;
  return out;
}

/** A job's trigger as `GET /v1/triggers/:id` shows it (`configuration` is a JSON string, as in the original). */
export function triggerJson(view: JobView, trigger: TriggerRecord): TriggerJson {
  return triggerEntryJson({ ...trigger, alias: view.entry.alias, provenance: view.entry.provenance, createdAt: view.version.createdAt });
}

/** A task's JSON. */
export function taskJson(view: JobView, task: TaskRecord): TaskJson {
  const step = view.job.steps.find((s) => s.name === task.name);
  const out: TaskJson = {
    id: task.id,
    job_id: view.entry.id,
    atom_id: task.id,
    name: task.name,
    type: task.type,
    engine: task.engine,
    image: task.image,
    command: task.command ?? [],
    position: task.position,
    retries: task.retries,
    retry_delay: Math.round(task.retryDelayMs * NS_PER_MS),
    retry_backoff: task.retryBackoff,
    trigger_rule: task.triggerRule,
    created_at: view.version.createdAt,
    updated_at: view.version.createdAt,
  };
  if (step !== undefined && Object.keys(step.nodeSelector).length > 0) out.node_selector = step.nodeSelector;
  if (task.cacheConfig !== null) out.cache_config = task.cacheConfig;
  if (task.outputSchema !== null) out.output_schema = task.outputSchema;
  if (task.inputSchema !== null) out.input_schema = task.inputSchema;
  return out;
}

/** `GET /v1/jobs/:id/dag`: nodes in step order with sorted successor ids, and every edge. */
export function dagJson(view: JobView, tasks: readonly TaskRecord[], edges: readonly EdgeRecord[]): DagJson {
  const successors = new Map<string, string[]>();
  for (const e of edges) successors.set(e.fromTaskId, [...(successors.get(e.fromTaskId) ?? []), e.toTaskId]);
  const nodes = tasks.map((t) => {
    const node: DagNodeJson = {
      id: t.id,
      atom_id: t.id,
      name: t.name,
      engine: t.engine,
      image: t.image,
      successors: (successors.get(t.id) ?? []).sort(),
    };
    if (t.type !== 'task') node.type = t.type;
    if (t.outputSchema !== null) node.output_schema = t.outputSchema;
    if (t.inputSchema !== null) node.input_schema = t.inputSchema;
    return node;
  });
  return { job_id: view.entry.id, nodes, edges: edges.map((e) => ({ from: e.fromTaskId, to: e.toTaskId })) };
}
