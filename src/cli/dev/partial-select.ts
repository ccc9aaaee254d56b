/**
 * Applies `--from` / `--only` to a cycle's jobs and says on stderr which
 * steps a partial run leaves out. An unknown step is a usage error (exit 2)
 * with the nearest step name.
 */
import type { Job } from '../../jobdef/types.js';
import type { Io } from '../io.js';
import { cutJob, isWholeJob, type StepFilter } from './partial.js';

/** The jobs cut to `filter`, or undefined after printing why a step name does not fit. */
export function applyStepFilter(jobs: readonly Job[], filter: StepFilter, io: Io): Job[] | undefined {
  if (isWholeJob(filter)) return [...jobs];
  const cut: Job[] = [];
  for (const job of jobs) {
    const partial = cutJob(job, filter);
    if (!partial.ok) {
      io.err.write(`${io.color.red('error')}: ${partial.message}\n`);
      if (jobs.length > 1) io.err.write(`  ${io.color.dim('hint: pick the job with --alias')}\n`);
      return undefined;
    }
    if (partial.left.length > 0) {
      io.err.write(`partial run of ${job.alias}: not running ${partial.left.join(', ')} (their outputs are not passed on)\n`);
    }
    cut.push(partial.job);
  }
  return cut;
}
