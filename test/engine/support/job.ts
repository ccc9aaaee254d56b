/** Builds normalised `Job` objects for engine tests (the validator is another room's work). */
import type { Engine, Job, JobSpec, SchemaValidationMode, Step, StepType, StringMap, TriggerRule } from '../../../src/jobdef/types.js';

export interface StepInput {
  name: string;
  dependsOn?: string[];
  type?: StepType;
  triggerRule?: TriggerRule;
  engine?: Engine;
  retries?: number;
  retryDelayMs?: number;
  retryBackoff?: boolean;
  outputSchema?: Record<string, unknown>;
  env?: StringMap;
}

export interface JobInput {
  alias?: string;
  labels?: StringMap;
  maxParallelTasks?: number;
  taskTimeoutMs?: number;
  runTimeoutMs?: number;
  schemaValidation?: SchemaValidationMode;
  defaultParams?: StringMap;
}

/** A job whose edges are exactly the `dependsOn` lists. */
export function makeJob(steps: StepInput[], input: JobInput = {}): Job {
  const alias = input.alias ?? 'test-job';
  const position = new Map(steps.map((s, i) => [s.name, i]));
  const edges = steps
    .flatMap((s) => (s.dependsOn ?? []).map((from) => ({ from, to: s.name })))
    .sort((a, b) => (position.get(a.from) ?? 0) - (position.get(b.from) ?? 0) || a.to.localeCompare(b.to));
  const full: Step[] = steps.map((s, i) => ({
    name: s.name,
    position: i,
    type: s.type ?? 'task',
    engine: s.engine ?? 'docker',
    image: 'alpine:3',
    command: ['true'],
    env: s.env ?? {},
    workdir: '',
    mounts: [],
    volumeMounts: [],
    nodeSelector: {},
    next: edges
      .filter((e) => e.from === s.name)
      .map((e) => e.to)
      .sort(),
    dependsOn: [...(s.dependsOn ?? [])].sort(),
    retries: s.retries ?? 0,
    retryDelayMs: s.retryDelayMs ?? 0,
    retryBackoff: s.retryBackoff ?? false,
    triggerRule: s.triggerRule ?? 'all_success',
    outputSchema: s.outputSchema,
    inputSchema: undefined,
    cache: undefined,
  }));
  const spec: JobSpec = {
    apiVersion: 'v1',
    kind: 'Job',
    metadata: { alias },
    trigger: { type: 'cron', configuration: {}, defaultParams: input.defaultParams ?? {} },
    steps: steps.map((s) => ({ name: s.name, image: 'alpine:3', ...(s.dependsOn === undefined ? {} : { dependsOn: s.dependsOn }) })),
  };
  return {
    alias,
    labels: input.labels ?? {},
    annotations: {},
    maxParallelTasks: input.maxParallelTasks ?? 0,
    taskTimeoutMs: input.taskTimeoutMs ?? 0,
    runTimeoutMs: input.runTimeoutMs ?? 0,
    schemaValidation: input.schemaValidation ?? '',
    cache: undefined,
    trigger: { type: 'cron', configuration: {}, defaultParams: input.defaultParams ?? {} },
    callbacks: [],
    volumes: [],
    steps: full,
    edges,
    source: undefined,
    spec,
  };
}

/** A chain a → b → c … */
export function chain(...names: string[]): StepInput[] {
  return names.map((name, i) => (i === 0 ? { name } : { name, dependsOn: [names[i - 1] as string] }));
}
