/**
 * Records each task's launch as the server hands it to its runtime, before
 * secrets are resolved (the registry's runtimes resolve them inside), so
 * `caesium run reproduce` can run the same task elsewhere. A launch that
 * cannot be recorded is reported and the task starts anyway: reproducing is
 * a debugging aid, never a reason for a run to fail.
 */
import type { Runtime } from '../../engine/ports/runtime.js';
import type { TaskDescriptorQueries } from '../../store/ports/task-descriptors.js';

/** `runtime` with every start recorded in `descriptors` first. */
export function recordingRuntime(
  runtime: Runtime,
  descriptors: TaskDescriptorQueries,
  onError: (runId: string, error: unknown) => void,
  now: () => number = Date.now,
): Runtime {
  const recording: Runtime = {
    engine: runtime.engine,
    async start(task, signal) {
      const { stepName, engine, image, command, env, workdir, mounts } = task;
      // The write overlaps the start; the task is handed back once both are done.
      const recorded = descriptors
        .record({
          taskRunId: task.taskRunId,
          runId: task.runId,
          attempt: task.attempt,
          launch: { stepName, engine, image, command, env, workdir, mounts },
          recordedAt: new Date(now()).toISOString(),
        })
        .catch((error: unknown) => onError(task.runId, error));
      try {
        return await runtime.start(task, signal);
      } finally {
        await recorded;
      }
    },
  };
  if (runtime.imageDigest !== undefined) recording.imageDigest = runtime.imageDigest.bind(runtime);
  return recording;
}
