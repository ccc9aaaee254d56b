/**
 * Applies `--from` / `--only` / `--failed` to a cycle's jobs and says on
 * stderr, per job, which steps before the kept ones are taken from the task
 * cache and which are left out. An unknown step is a usage error (exit 2) with
 * the nearest step name.
 */
import type { PlannedStep } from '../../engine/cache-preview.js';
import type { Job } from '../../jobdef/types.js';
import type { Io } from '../io.js';
import { cutJob, isWholeJob, keptSteps, upstreamOf, type StepFilter } from './partial.js';

/** How a cycle picks and cuts steps. */
export interface StepSelection {
  /** The filter of one job; undefined: leave the job out of this cycle (a note was printed). */
  filterOf: (job: Job) => StepFilter | undefined;
  /** The cache plan of a whole job (no cache: every step `off`). */
  preview: (job: Job) => Promise<PlannedStep[]>;
  /** Filled with the steps each cut job chose (they run even when cached). */
  chosen: WeakMap<Job, string[]>;
}

/** The jobs cut to their filters, or undefined after printing why a step name does not fit. */
export async function applyStepFilter(jobs: readonly Job[], selection: StepSelection, io: Io): Promise<Job[] | undefined> {
  const cut: Job[] = [];
  for (const job of jobs) {
    const filter = selection.filterOf(job);
    if (filter === undefined) continue;
    if (isWholeJob(filter)) {
      cut.push(job);
      continue;
    }
    const kept = keptSteps(job, filter);
    if (!kept.ok) {
      io.err.write(`${io.color.red('error')}: ${kept.message}\n`);
      if (jobs.length > 1) io.err.write(`  ${io.color.dim('hint: pick the job with --alias')}\n`);
      return undefined;
    }
    const before = upstreamOf(job, kept.keep);
    const plan = before.size === 0 ? [] : await selection.preview(job);
    const hits = new Set(plan.filter((p) => p.outcome === 'hit' && before.has(p.step)).map((p) => p.step));
    const reuse = feeding(job, kept.keep, hits);
    const partial = cutJob(job, filter, reuse);
    if (!partial.ok) return undefined; // keptSteps accepted the same filter
    if (partial.reused.length > 0) {
      io.err.write(`partial run of ${job.alias}: taking ${partial.reused.join(', ')} from the task cache\n`);
    }
    if (partial.left.length > 0) {
      io.err.write(`partial run of ${job.alias}: not running ${partial.left.join(', ')} (their outputs are not passed on)\n`);
    }
    const direct = new Set(job.steps.filter((st) => kept.keep.has(st.name) || reuse.has(st.name)).flatMap((st) => st.dependsOn));
    for (const p of plan.filter((x) => direct.has(x.step) && partial.left.includes(x.step))) {
      io.err.write(`  ${io.color.dim(`${p.step}: not taken from the task cache: ${p.reasons.join('; ')}`)}\n`);
    }
    selection.chosen.set(partial.job, [...kept.keep]);
    cut.push(partial.job);
  }
  return cut;
}

/** The cached steps whose outputs reach a kept step through cached steps only (each one's predecessors are cached too). */
function feeding(job: Job, keep: ReadonlySet<string>, hits: ReadonlySet<string>): Set<string> {
  const before = new Map(job.steps.map((s) => [s.name, s.dependsOn]));
  const reuse = new Set<string>();
  const queue = [...keep];
  while (queue.length > 0) {
    for (const p of before.get(queue.shift() as string) ?? []) {
      if (hits.has(p) && !keep.has(p) && !reuse.has(p)) {
        reuse.add(p);
        queue.push(p);
      }
    }
  }
  return reuse;
}
