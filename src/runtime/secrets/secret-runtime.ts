/**
 * A runtime that resolves a task's `secret://` env values when the task is
 * created and masks them as `***` in every log line it hands back, so log
 * snapshots, outputs, events, lineage and callbacks built from those lines
 * never carry them. What the engine hashes for the cache is the step's env as
 * written: the reference, never the value.
 */
import { RuntimeError, type LogLine, type Runtime, type TaskHandle } from '../../engine/ports/runtime.js';
import { secretMasker } from './mask.js';
import { SecretError, type SecretResolver } from './resolver.js';

/** `runtime` with secrets resolved at start and masked in logs. */
export function withSecrets(runtime: Runtime, resolver: SecretResolver): Runtime {
  const wrapped: Runtime = {
    engine: runtime.engine,
    async start(task, signal) {
      let resolved;
      try {
        resolved = await resolver.resolveEnv(task.stepName, task.env);
      } catch (error) {
        if (error instanceof SecretError) throw new RuntimeError('startup_failure', error.message, { retryable: false });
        throw error;
      }
      const handle = await runtime.start({ ...task, env: resolved.env }, signal);
      return resolved.secrets.length === 0 ? handle : maskedHandle(handle, secretMasker(resolved.secrets));
    },
  };
  // Keep the runtime's own extras (image checks, container removal) reachable.
  return Object.assign(Object.create(runtime) as Runtime, wrapped);
}

function maskedHandle(handle: TaskHandle, mask: (text: string) => string): TaskHandle {
  return {
    get id() {
      return handle.id;
    },
    async *logs(): AsyncIterable<LogLine> {
      for await (const line of handle.logs()) yield { stream: line.stream, text: mask(line.text) };
    },
    wait: () => handle.wait(),
    stop: () => handle.stop(),
    remove: () => handle.remove(),
  };
}
