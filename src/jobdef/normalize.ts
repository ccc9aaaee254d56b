import { parseDuration } from './duration.js';
import { deriveEdges } from './edges.js';
import type { Job, JobSource, JobSpec, Step, StepSpec, StringMap } from './types.js';

/**
 * Turns a validated spec into the normalised `Job`: defaults applied
 * (`type: task`, `engine: docker`, `triggerRule: all_success`, 0 retries),
 * durations in milliseconds, edges resolved (docs/decisions.md §1.8) and every step's `next` and
 * `dependsOn` filled with its direct successors and predecessors, sorted by name.
 * `trigger.defaultParams` is written into the configuration (docs/decisions.md §1.3).
 */
export function normalizeJob(spec: JobSpec, source?: JobSource): Job {
  const steps = spec.steps;
  const { edges } = deriveEdges(steps.map((s) => ({ name: s.name, next: refList(s.next), dependsOn: refList(s.dependsOn) })));
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  for (const e of edges) {
    push(successors, e.from, e.to);
    push(predecessors, e.to, e.from);
  }
  const meta = spec.metadata;
  return {
    alias: meta.alias.trim(),
    labels: { ...meta.labels },
    annotations: { ...meta.annotations },
    maxParallelTasks: meta.maxParallelTasks ?? 0,
    taskTimeoutMs: ms(meta.taskTimeout),
    runTimeoutMs: ms(meta.runTimeout),
    schemaValidation: meta.schemaValidation ?? '',
    cache: meta.cache,
    trigger: normalizeTrigger(spec.trigger),
    callbacks: spec.callbacks ?? [],
    volumes: (spec.volumes ?? []).map((v) => ({ ...v, name: v.name.trim() })),
    steps: steps.map((s, position) => normalizeStep(s, position, successors, predecessors)),
    edges,
    source,
    spec,
  };
}

function normalizeStep(s: StepSpec, position: number, successors: Map<string, string[]>, predecessors: Map<string, string[]>): Step {
  const engine = s.engine ?? 'docker';
  return {
    name: s.name,
    position,
    type: s.type ?? 'task',
    engine,
    image: s.image ?? '',
    command: s.command,
    env: { ...s.env },
    workdir: s.workdir ?? '',
    mounts: s.mounts ?? [],
    volumeMounts: s.volumeMounts ?? [],
    nodeSelector: { ...s.nodeSelector },
    next: sorted(successors.get(s.name)),
    dependsOn: sorted(predecessors.get(s.name)),
    retries: s.retries ?? 0,
    retryDelayMs: ms(s.retryDelay),
    retryBackoff: s.retryBackoff ?? false,
    triggerRule: (s.triggerRule?.trim() || 'all_success') as Step['triggerRule'],
    outputSchema: s.outputSchema,
    inputSchema: s.inputSchema,
    cache: s.cache,
  };
}

/** The configuration as stored: `trigger.defaultParams`, when set, replaces `configuration.defaultParams`. */
function normalizeTrigger(t: JobSpec['trigger']): Job['trigger'] {
  const configuration: Record<string, unknown> = { ...t.configuration };
  const top = t.defaultParams ?? {};
  let defaultParams: StringMap;
  if (Object.keys(top).length > 0) {
    defaultParams = { ...top };
    configuration.defaultParams = { ...top };
  } else {
    defaultParams = textMap(configuration.defaultParams);
  }
  return { type: t.type, configuration, defaultParams };
}

/** A map's values as text (`configuration.defaultParams` may hold numbers and booleans). */
function textMap(v: unknown): StringMap {
  const out: StringMap = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && x !== undefined)
      out[k] = typeof x === 'string' ? x : typeof x === 'object' ? JSON.stringify(x) : String(x as number | boolean);
  }
  return out;
}

/** `next`/`dependsOn` as a list: trimmed, blanks dropped. */
function refList(v: string | string[] | undefined): string[] {
  const list = v === undefined ? [] : typeof v === 'string' ? [v] : v;
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

function ms(d: string | undefined): number {
  return d === undefined ? 0 : (parseDuration(d) ?? 0);
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

function sorted(list: string[] | undefined): string[] {
  return list === undefined ? [] : [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
