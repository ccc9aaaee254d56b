/**
 * A runtime that resolves a task's `secret://` env values when the task is
 * created and masks them as `***` in every log line it hands back, so log
 * snapshots, outputs, events, lineage and callbacks built from those lines
 * never carry them. Literal values of secret-bearing env names (`DB_PASSWORD:
 * hunter2`, the values every view shows as `***`) are masked the same way,
 * when at least `MIN_LITERAL` characters long: a shorter one would mask
 * ordinary text. What the engine hashes for the cache is the step's env as
 * written: the reference, never the value.
 */
import { secretBearingEnv } from '../../jobdef/secret-names.js';
import type { StringMap } from '../../jobdef/types.js';
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
      const hidden = [...resolved.secrets, ...literalSecrets(task.env)];
      return hidden.length === 0 ? handle : maskedHandle(handle, secretMasker(hidden));
    },
  };
  // Keep the runtime's own extras (image checks, container removal) reachable.
  return Object.assign(Object.create(runtime) as Runtime, wrapped);
}

/** The shortest literal secret masked in output. */
const MIN_LITERAL = 4;

/** The literal values (not `secret://` references) of `env`'s secret-bearing names. */
function literalSecrets(env: StringMap): string[] {
  return Object.entries(env)
    .filter(([name, value]) => secretBearingEnv(name) && !value.trim().startsWith('secret://') && value.length >= MIN_LITERAL)
    .map(([, value]) => value);
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
