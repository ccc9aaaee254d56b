/**
 * A `ProcessSpawner` that has a small separate node process (the spawn
 * broker, spawn-broker-main.ts) fork the tasks. fork() blocks the forking
 * thread for a time that grows with the process's memory (page tables are
 * copied), so a big server forking every task stalls its event loop; the
 * broker's fork is cheap and blocks only the broker. The server uses it;
 * `caesium dev` forks in-process.
 *
 * The broker is started on the first spawn and exits when this process
 * disconnects or dies, stopping the tasks still running (even after a
 * SIGKILL of this process: spawn-broker-main.ts). If it dies first, pending spawns fail, and running
 * tasks have their groups killed and end `unknown`; the next spawn starts a
 * new broker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { RuntimeError } from '../../engine/ports/runtime.js';
import { signalGroup } from './process-group.js';
import { SpawnFailure, type ProcessSink, type ProcessSpawner, type SpawnedProcess, type SpawnRequest } from './process-spawner.js';
import type { BrokerReport, BrokerRequest } from './spawn-broker-protocol.js';

export interface SpawnBrokerOptions {
  /** The broker's entry script; default spawn-broker-main.js beside this module (the built one). */
  script?: string | URL;
  /** IPC serialization; default `json` (measured a little faster than `advanced` for these small batches). */
  serialization?: 'json' | 'advanced';
}

interface Task {
  sink: ProcessSink;
  pid?: number;
  started?: { resolve(process: SpawnedProcess): void; reject(error: unknown): void };
}

/** A spawner over a broker process, started lazily. */
export function createSpawnBroker(options: SpawnBrokerOptions = {}): ProcessSpawner {
  const script = options.script ?? new URL('./spawn-broker-main.js', import.meta.url);
  const serialization = options.serialization ?? 'json';
  const tasks = new Map<number, Task>();
  let nextId = 1;
  let broker: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let outbox: BrokerRequest[] = [];

  // The channel keeps this process alive only while tasks are pending or running, as their pipes would.
  const refresh = (): void => {
    if (tasks.size === 0) broker?.channel?.unref();
    else broker?.channel?.ref();
  };

  const send = (request: BrokerRequest): void => {
    if (outbox.length === 0) queueMicrotask(flush);
    outbox.push(request);
  };
  const flush = (): void => {
    const batch = outbox;
    outbox = [];
    if (broker?.connected === true) broker.send(batch);
  };

  const receive = (message: BrokerReport): void => {
    const task = tasks.get(message.id);
    if (task === undefined) return;
    switch (message.t) {
      case 'spawned':
        task.pid = message.pid;
        task.started?.resolve({ pid: message.pid, stop: (graceMs) => send({ t: 'stop', id: message.id, graceMs }) });
        task.started = undefined;
        return;
      case 'failed':
        tasks.delete(message.id);
        task.started?.reject(new SpawnFailure(message.code ?? undefined, message.message));
        return refresh();
      case 'out':
        return task.sink.output(message.stream, message.text);
      case 'exit':
        tasks.delete(message.id);
        task.sink.exit(message.code, message.signal);
        return refresh();
    }
  };

  const lost = (child: ChildProcess, why: string, kill: boolean): void => {
    if (broker !== child) return;
    broker = undefined;
    outbox = [];
    const orphans = [...tasks.values()];
    tasks.clear();
    for (const task of orphans) {
      if (task.started !== undefined)
        task.started.reject(new RuntimeError('startup_failure', `the spawn broker ${why} before the task started`));
      else {
        if (kill && task.pid !== undefined) signalGroup(task.pid, 'SIGKILL');
        task.sink.exit(null, null);
      }
    }
  };

  const start = (): ChildProcess => {
    // Not the server's node flags; a small young generation keeps the broker's memory, and so its fork(), small.
    // Detached: a Ctrl-C to the server's process group is the server's to handle, and the broker goes when it goes.
    const child = fork(script, [], {
      serialization,
      detached: true,
      execArgv: ['--max-semi-space-size=1'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (batch: BrokerReport[]) => {
      for (const message of batch) receive(message);
    });
    child.on('error', () => undefined); // a failed send; the exit that follows is what counts
    exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        lost(child, `exited (${signal ?? `code ${code}`})`, true);
        resolve();
      });
    });
    child.unref();
    return child;
  };

  return {
    spawn(request: SpawnRequest, sink: ProcessSink): Promise<SpawnedProcess> {
      broker ??= start();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        tasks.set(id, { sink, started: { resolve, reject } });
        refresh();
        send({ t: 'spawn', id, ...request });
      });
    },
    async close() {
      const child = broker;
      if (child === undefined) return;
      lost(child, 'was closed', false);
      child.ref(); // held until the broker has gone, which it does once disconnected
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
