import type { LogLine, TaskExit, TaskHandle } from '../../engine/ports/runtime.js';
import { exitFromProcess } from '../exit-result.js';
import { LineSplitter } from '../line-splitter.js';
import { LogChannel } from '../log-channel.js';
import type { OutputStream, ProcessSink, SpawnedProcess } from './process-spawner.js';

/**
 * A host process started detached, so that it leads its own process group.
 * Stopping signals the whole group: SIGTERM, then SIGKILL after `killGraceMs`.
 * When the process exits, whatever it left running in its group is killed
 * (by its spawner), as a container's processes die with it.
 *
 * Built in two steps: the task is the sink its spawner reports to, then
 * `attach` gives it the process.
 */
export class LocalTask implements TaskHandle, ProcessSink {
  id = '';
  private readonly channel = new LogChannel();
  private readonly splitters: Record<OutputStream, LineSplitter> = {
    stdout: new LineSplitter((text) => this.channel.push({ stream: 'stdout', text })),
    stderr: new LineSplitter((text) => this.channel.push({ stream: 'stderr', text })),
  };
  private readonly exited: Promise<TaskExit>;
  private resolveExit!: (exit: TaskExit) => void;
  private process: SpawnedProcess | undefined;
  private done = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly killGraceMs: number) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** Binds the started process. */
  attach(process: SpawnedProcess): this {
    this.process = process;
    this.id = `pid:${process.pid}`;
    return this;
  }

  output(stream: OutputStream, text: string): void {
    this.splitters[stream].write(text);
  }

  exit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.done) return;
    this.done = true;
    this.splitters.stdout.end();
    this.splitters.stderr.end();
    this.channel.close();
    this.resolveExit(exitFromProcess(code, signal));
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
    this.process?.stop(this.killGraceMs);
    await this.exited;
  }
}
