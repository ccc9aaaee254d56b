/**
 * The spawn broker process (spawn-broker.ts starts it with an IPC channel):
 * spawns the tasks the server asks for and reports their output and exits.
 * It loads nothing but node builtins, process-spawner.ts and the import-free
 * errors.ts, so that it stays small and fork() from it stays cheap. It exits when the server goes away;
 * the tasks it started are then the server's restart to find (local-orphans.ts).
 */
import { SpawnFailure, spawnProcess, type ProcessSink, type SpawnedProcess } from './process-spawner.js';
import type { BrokerReport, BrokerRequest } from './spawn-broker-protocol.js';
import { errorText } from '../../errors.js';

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
process.on('disconnect', () => process.exit(0));
