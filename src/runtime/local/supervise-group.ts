/**
 * Watching a started host process that leads its own process group, the same
 * whichever spawner started it (child_process or the native posix_spawn):
 * decodes its stdout and stderr to the sink, kills what is left in its group
 * when it exits, drains the pipes (for `DRAIN_MS` at most) and then reports
 * the exit once; `stop` sends SIGTERM to the group and SIGKILL after a grace.
 *
 * Imports only node builtins and process-group.ts: the spawn broker loads it.
 */
import { StringDecoder } from 'node:string_decoder';
import { signalGroup } from './process-group.js';
import type { OutputStream, ProcessSink, SpawnedProcess } from './process-spawner.js';

/** How long to wait for output still buffered in pipes after the process has exited. */
const DRAIN_MS = 2_000;

/** A process's output pipe as both spawners hand it over. */
export type OutputPipe = NodeJS.ReadableStream & { destroy(): void };

export interface SupervisedGroup {
  /** The process for the caller: its pid and `stop`. */
  readonly process: SpawnedProcess;
  /** To be called once when the process has exited (its group leader reaped). */
  exited(code: number | null, signal: NodeJS.Signals | null): void;
}

/** Supervises the group led by `pid`, whose stdout and stderr are `stdout` and `stderr`. */
export function superviseGroup(pid: number, stdout: OutputPipe, stderr: OutputPipe, sink: ProcessSink): SupervisedGroup {
  let exited = false;
  let finished = false;
  let killTimer: NodeJS.Timeout | undefined;
  let streamsOpen = 2;
  let onDrained: (() => void) | undefined;
  const pipe = (stream: OutputPipe, name: OutputStream): void => {
    const decoder = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer) => {
      const text = decoder.write(chunk);
      if (text !== '' && !finished) sink.output(name, text);
    });
    stream.once('close', () => {
      const rest = decoder.end();
      if (rest !== '' && !finished) sink.output(name, rest);
      streamsOpen -= 1;
      if (streamsOpen === 0) onDrained?.();
    });
    // A grandchild that left the group may hold the pipe open: 'close' then comes only after destroy().
    stream.on('error', () => undefined);
  };
  pipe(stdout, 'stdout');
  pipe(stderr, 'stderr');
  return {
    process: {
      pid,
      stop(graceMs) {
        if (exited || killTimer !== undefined) return;
        if (signalGroup(pid, 'SIGTERM')) killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      },
    },
    exited(code, signal) {
      exited = true;
      clearTimeout(killTimer);
      signalGroup(pid, 'SIGKILL');
      const finish = (): void => {
        finished = true;
        clearTimeout(late);
        onDrained = undefined;
        stdout.destroy();
        stderr.destroy();
        sink.exit(code, signal);
      };
      const late = setTimeout(finish, DRAIN_MS);
      if (streamsOpen === 0) finish();
      else onDrained = finish;
    },
  };
}
