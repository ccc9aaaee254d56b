/**
 * Runs a reproduced task through the engine, as `caesium dev --once --logs`
 * runs a job: the same runtimes (secrets resolved and masked), the same
 * output (every line as `<step> | <text>`, then the task line and `OK`/`FAIL`),
 * on a throwaway in-memory store. Resolves to the task's exit code: 0 when it
 * succeeded, its own exit code when it failed with one, 1 when it failed
 * without one (it could not start, it was killed), 130 after Ctrl-C.
 */
import { systemClock } from '../../engine/ports/clock.js';
import { runJob } from '../../engine/run-job.js';
import type { RunSummary } from '../../engine/run-types.js';
import { errorText } from '../../errors.js';
import { Releases } from '../../releases.js';
import { createRuntimes } from '../../runtime/index.js';
import { createMemoryStore } from '../../store/index.js';
import { onInterrupt } from '../dev/signals.js';
import { createOutputs } from '../dev/outputs.js';
import type { Io } from '../io.js';
import { fanOut, type RunOutcome, type RunStart } from '../reporters/reporter.js';
import { reproduceJob, type ReproducedTask } from './reproduce-task.js';

/** Runs `task` once; `heading` is what the output's header names (the server run it came from). */
export async function runReproduced(task: ReproducedTask, heading: string, io: Io): Promise<number> {
  const releases = new Releases();
  const controller = new AbortController();
  releases.defer(
    onInterrupt({
      stop: () => {
        io.err.write('\nInterrupted, stopping...\n');
        controller.abort();
      },
      force: () => process.exit(130),
    }),
  );
  try {
    const runtimes = createRuntimes(io.env);
    releases.defer(() => runtimes.closeAll());
    const outputs = await createOutputs(io, true);
    const reporter = fanOut(outputs.reporters, (hook, error) =>
      io.err.write(`caesium: an output failed in ${hook}: ${errorText(error)}\n`),
    );
    releases.defer(() => reporter.close());
    const job = reproduceJob(task);
    const start: RunStart = { job, paths: [heading] };
    await reporter.onRunStart(start);
    const store = await createMemoryStore();
    releases.defer(() => store.close());
    let runId: string | undefined;
    let outcome: RunOutcome;
    try {
      const summary = await runJob(
        job,
        {
          store,
          runtimes: (engine) => runtimes.get(engine),
          clock: systemClock,
          events: (event) => {
            if (event.type === 'run_started') runId = event.runId;
            reporter.onEvent(event);
          },
        },
        { maxParallel: 1, noCache: true, signal: controller.signal },
      );
      outcome = { kind: 'finished', summary };
    } catch (error) {
      outcome = { kind: 'crashed', error: `internal error: ${errorText(error)}` };
    } finally {
      if (controller.signal.aborted && runId !== undefined) await runtimes.sweepRun(runId);
    }
    await reporter.onRunEnd(start, outcome);
    if (controller.signal.aborted) return 130;
    return outcome.kind === 'finished' ? exitCodeOf(outcome.summary) : 1;
  } finally {
    await releases.releaseAll();
  }
}

/** The task's own exit code (0 on success; 1 for a failure without one). */
function exitCodeOf(summary: RunSummary): number {
  const task = summary.tasks[0];
  if (summary.status === 'succeeded') return 0;
  return task?.exitCode !== null && task?.exitCode !== undefined && task.exitCode > 0 ? task.exitCode : 1;
}
