/**
 * The spawn broker process (spawn-broker.ts starts it with an IPC channel):
 * spawns the tasks the server asks for and reports their output and exits.
 * It loads nothing but node builtins, process-spawner.ts (with the spawners'
 * files beside it) and the import-free errors.ts, so that it stays small and fork() from it stays cheap.
 *
 * It exits when the server goes away, and takes its tasks with it: the IPC
 * channel closes when the server disconnects, exits or is killed (even with
 * SIGKILL, which the server cannot handle), and the broker then sends SIGTERM
 * to every task's process group and SIGKILL `KILL_AFTER_MS` later. So a dead
 * server leaves no task process behind for long; the ones a task moved out of
 * its group are still found by the next start (local-orphans.ts).
 */
import { SpawnFailure, spawnProcess, type ProcessSink, type SpawnedProcess } from './process-spawner.js';
import type { BrokerReport, BrokerRequest } from './spawn-broker-protocol.js';
import { errorText } from '../../errors.js';

/** Between SIGTERM and SIGKILL to the tasks of a server that went away. */
const KILL_AFTER_MS = 1_000;

const running = new Map<number, SpawnedProcess>();
let outbox: BrokerReport[] = [];

function report(message: BrokerReport): void {
  if (outbox.length === 0) setImmediate(flush);
  const last = outbox.at(-1);
  if (message.t === 'out' && last?.t === 'out' && last.id === message.id && last.stream === message.stream) {
    last.text += message.text;
    return;
  }
  outbox.push(message);
}

function flush(): void {
  const batch = outbox;
  outbox = [];
  if (process.connected) process.send?.(batch);
}

function handle(request: BrokerRequest): void {
  switch (request.t) {
    case 'spawn': {
      const { id } = request;
      const sink: ProcessSink = {
        output: (stream, text) => report({ t: 'out', id, stream, text }),
        exit(code, signal) {
          running.delete(id);
          report({ t: 'exit', id, code, signal });
        },
      };
      spawnProcess(request, sink).then(
        (spawned) => {
          running.set(id, spawned);
          report({ t: 'spawned', id, pid: spawned.pid });
        },
        (error: unknown) => {
          const code = error instanceof SpawnFailure ? (error.code ?? null) : null;
          report({ t: 'failed', id, code, message: errorText(error) });
        },
      );
      return;
    }
    case 'stop':
      running.get(request.id)?.stop(request.graceMs);
      return;
  }
}

process.on('message', (batch: BrokerRequest[]) => {
  for (const request of batch) handle(request);
});
process.on('disconnect', () => {
  if (running.size === 0) process.exit(0);
  for (const task of running.values()) task.stop(KILL_AFTER_MS);
  setTimeout(() => process.exit(0), KILL_AFTER_MS + 100);
});
