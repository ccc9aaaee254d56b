import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { LogLine, TaskExit, TaskHandle } from '../engine/ports/runtime.js';
import { exitFromProcess } from './exit-result.js';
import { LineSplitter } from './line-splitter.js';
import { LogChannel } from './log-channel.js';
import { signalGroup } from './process-group.js';

/** How long to wait for output still buffered in pipes after the process has exited. */
const DRAIN_MS = 2_000;

/**
 * A host process started detached, so that it leads its own process group.
 * Stopping signals the whole group: SIGTERM, then SIGKILL after `killGraceMs`.
 * When the process exits, whatever it left running in its group is killed,
 * as a container's processes die with it.
 */
export class LocalTask implements TaskHandle {
  readonly id: string;
  private readonly channel = new LogChannel();
  private readonly exited: Promise<TaskExit>;
  private done = false;
  private stopping: Promise<void> | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly child: ChildProcess & { pid: number },
    private readonly killGraceMs: number,
  ) {
    this.id = `pid:${child.pid}`;
    const drained = new Promise<void>((resolve) => {
      let streamsOpen = 2;
      const streamDone = (): void => {
        streamsOpen -= 1;
        if (streamsOpen === 0) resolve();
      };
      this.pipe(child.stdout, 'stdout', streamDone);
      this.pipe(child.stderr, 'stderr', streamDone);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.done = true;
        clearTimeout(this.killTimer);
        signalGroup(child.pid, 'SIGKILL');
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolveLate) => (timer = setTimeout(resolveLate, DRAIN_MS)));
        void Promise.race([drained, late]).then(() => {
          clearTimeout(timer);
          child.stdout?.destroy();
          child.stderr?.destroy();
          this.channel.close();
          resolve(exitFromProcess(code, signal));
        });
      });
    });
  }

  logs(): AsyncIterable<LogLine> {
    return this.channel.read();
  }

  wait(): Promise<TaskExit> {
    return this.exited;
  }

  stop(): Promise<void> {
    if (this.done) return Promise.resolve();
    this.stopping ??= this.terminate();
    return this.stopping;
  }

  async remove(): Promise<void> {
    await this.stop();
    this.channel.close();
  }

  private async terminate(): Promise<void> {
    if (signalGroup(this.child.pid, 'SIGTERM')) {
      this.killTimer = setTimeout(() => signalGroup(this.child.pid, 'SIGKILL'), this.killGraceMs);
    }
    await this.exited;
  }

  private pipe(stream: Readable | null, name: LogLine['stream'], onEnd: () => void): void {
    if (stream === null) return onEnd();
    const splitter = new LineSplitter((text) => this.channel.push({ stream: name, text }));
    stream.on('data', (chunk: Buffer) => splitter.write(chunk));
    stream.once('close', () => {
      splitter.end();
      onEnd();
    });
    // A grandchild that left the group may hold the pipe open: 'close' then comes only after destroy().
    stream.on('error', () => undefined);
  }
}
