import { RuntimeError } from '../../engine/ports/runtime.js';
import type { Runtime, TaskHandle, TaskLaunch } from '../../engine/ports/runtime.js';

/** The message every kubernetes step gets in a local run. */
export const KUBERNETES_UNSUPPORTED =
  'kubernetes steps are not supported in local runs yet; use `--engine docker|podman|local` to override';

/** A placeholder for the `kubernetes` engine: every start rejects with a `RuntimeError` saying so. */
export function createKubernetesRuntime(): Runtime {
  return {
    engine: 'kubernetes',
    start(task: TaskLaunch): Promise<TaskHandle> {
      return Promise.reject(
        new RuntimeError('engine_unsupported', `step "${task.stepName}": ${KUBERNETES_UNSUPPORTED}`, { retryable: false }),
      );
    },
  };
}
