/** The immutable shape of one run: each step with its task id, task-run id and neighbours. */
import type { Job, Step } from '../jobdef/types.js';

/** One step of a run. */
export interface PlannedTask {
  step: Step;
  taskId: string;
  taskRunId: string;
  /** Task-run ids of direct predecessors, by position. */
  predecessors: string[];
  /** Task-run ids of direct successors, by position. */
  successors: string[];
}

/** Lookups over a run's steps (built once per run; O(1) per query). */
export class RunPlan {
  readonly tasks: readonly PlannedTask[];
  readonly #byRunId = new Map<string, PlannedTask>();

  constructor(tasks: PlannedTask[]) {
    this.tasks = tasks;
    for (const t of tasks) this.#byRunId.set(t.taskRunId, t);
  }

  get(taskRunId: string): PlannedTask {
    const t = this.#byRunId.get(taskRunId);
    if (t === undefined) throw new Error(`task run ${taskRunId} is not part of this run`);
    return t;
  }
}

/** In-degree of each step, from the job's edges (each edge counted once). */
export function inDegrees(job: Job): Map<string, number> {
  const degree = new Map(job.steps.map((s) => [s.name, 0]));
  for (const e of uniqueEdges(job)) degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  return degree;
}

/** Builds the plan from the job and the ids the store gave tasks and task runs. */
export function buildRunPlan(job: Job, ids: ReadonlyMap<string, { taskId: string; taskRunId: string }>): RunPlan {
  const idOf = (name: string): { taskId: string; taskRunId: string } => {
    const found = ids.get(name);
    if (found === undefined) throw new Error(`step "${name}" has no task in the applied job`);
    return found;
  };
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const e of uniqueEdges(job)) {
    push(succs, e.from, e.to);
    push(preds, e.to, e.from);
  }
  const position = new Map(job.steps.map((s) => [s.name, s.position]));
  const byPosition = (names: string[] | undefined): string[] =>
    (names ?? []).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)).map((n) => idOf(n).taskRunId);
  return new RunPlan(
    job.steps.map((step) => ({
      step,
      ...idOf(step.name),
      predecessors: byPosition(preds.get(step.name)),
      successors: byPosition(succs.get(step.name)),
    })),
  );
}

function uniqueEdges(job: Job): { from: string; to: string }[] {
  const seen = new Set<string>();
  const out: { from: string; to: string }[] = [];
  for (const e of job.edges) {
    const key = `${e.from}\u0000${e.to}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
