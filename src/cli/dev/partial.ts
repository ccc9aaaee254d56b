/**
 * Partial local runs of `caesium dev`: `--from STEP` keeps that step and
 * everything downstream of it, `--only STEP[,STEP]` keeps just those steps.
 * The job is cut before it reaches the engine. Steps before the kept ones
 * that the caller found in the task cache (`reuse`) stay in the job: the
 * engine takes them from the cache and their outputs flow on. Other steps
 * left out are not run and edges to them are dropped, so a kept step whose
 * predecessor was left out starts at once (without that predecessor's
 * outputs). The note printed names both, so a user is never surprised.
 */
import type { Job } from '../../jobdef/types.js';
import { choiceHint } from '../../jobdef/suggest.js';

/** Which steps to keep. */
export interface StepFilter {
  from: string | undefined;
  only: string[];
}

/** The cut job and the names left out, or why the filter does not fit the job. */
export type Partial = { ok: true; job: Job; left: string[]; reused: string[] } | { ok: false; message: string };

/** True when the filter keeps every step (no flag given). */
export function isWholeJob(filter: StepFilter): boolean {
  return filter.from === undefined && filter.only.length === 0;
}

/** The steps `filter` keeps, or why it does not fit `job`. */
export function keptSteps(job: Job, filter: StepFilter): { ok: true; keep: Set<string> } | { ok: false; message: string } {
  const names = job.steps.map((s) => s.name);
  const asked = [...(filter.from === undefined ? [] : [filter.from]), ...filter.only];
  for (const name of asked) {
    if (!names.includes(name)) {
      return { ok: false, message: `job "${job.alias}" has no step "${name}"; ${choiceHint(name, names, `steps: ${names.join(', ')}`)}` };
    }
  }
  const keep = new Set(filter.only);
  if (filter.from !== undefined) for (const name of downstream(job, filter.from)) keep.add(name);
  return { ok: true, keep };
}

/** Every step upstream of `names`, other than the names themselves. */
export function upstreamOf(job: Job, names: ReadonlySet<string>): Set<string> {
  const before = new Map(job.steps.map((s) => [s.name, s.dependsOn]));
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    for (const p of before.get(queue.shift() as string) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  for (const n of names) seen.delete(n);
  return seen;
}

/** Cuts `job` to the steps `filter` keeps, plus the `reuse` steps (taken from the cache). */
export function cutJob(job: Job, filter: StepFilter, reuse: ReadonlySet<string> = new Set()): Partial {
  const kept = keptSteps(job, filter);
  if (!kept.ok) return kept;
  const names = job.steps.map((s) => s.name);
  const reused = names.filter((n) => reuse.has(n) && !kept.keep.has(n));
  const keep = new Set([...kept.keep, ...reused]);
  const steps = job.steps
    .filter((s) => keep.has(s.name))
    .map((s) => ({ ...s, next: s.next.filter((n) => keep.has(n)), dependsOn: s.dependsOn.filter((n) => keep.has(n)) }));
  const edges = job.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  return { ok: true, job: { ...job, steps, edges }, left: names.filter((n) => !keep.has(n)), reused };
}

/** `start` and every step reachable from it. */
function downstream(job: Job, start: string): Set<string> {
  const next = new Map(job.steps.map((s) => [s.name, s.next]));
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const n of next.get(queue.shift() as string) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
