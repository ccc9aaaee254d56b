import type Dockerode from 'dockerode';
import type { LogLine, TaskExit, TaskHandle } from '../../engine/ports/runtime.js';
import { ContainerLogs } from './container-logs.js';
import { idempotent, statusOf } from './engine-error.js';
import { exitFromCode } from '../exit-result.js';

/** How long `wait()` lets the log stream drain after the container has exited, before reading the log once more. */
const DRAIN_MS = 2_000;

/**
 * A started container. Logs follow the engine's log stream (demultiplexed,
 * split into lines); `wait()` resolves once the container has exited and its
 * logs have drained; `stop()` kills it; `remove()` force-removes it with its
 * anonymous volumes. Every method may be called more than once.
 */
export class ContainerTask implements TaskHandle {
  readonly id: string;
  private readonly log: ContainerLogs;
  private exited: Promise<TaskExit> | undefined;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private removing: Promise<void> | undefined;

  constructor(private readonly container: Dockerode.Container) {
    this.id = container.id;
    this.log = new ContainerLogs(container);
  }

  /**
   * Starts following the logs and waiting for the exit; called once, right
   * after the container started. Does not wait for the log stream to open:
   * Podman answers a follow request only once the container writes.
   */
  follow(): void {
    this.log.follow();
    this.exited = this.awaitExit();
  }

  logs(): AsyncIterable<LogLine> {
    return this.log.channel.read();
  }

  wait(): Promise<TaskExit> {
    return this.exited ?? Promise.resolve({ result: 'unknown', exitCode: null });
  }

  stop(): Promise<void> {
    this.stopping ??= this.kill();
    return this.stopping;
  }

  remove(): Promise<void> {
    this.removing ??= this.forceRemove();
    return this.removing;
  }

  private async kill(): Promise<void> {
    this.stopped = true;
    await idempotent(() => this.container.kill());
    await this.wait();
  }

  private async forceRemove(): Promise<void> {
    this.stopped = true;
    try {
      await idempotent(() => this.container.remove({ force: true, v: true }));
    } finally {
      this.log.close();
    }
  }

  private async awaitExit(): Promise<TaskExit> {
    let exit: TaskExit;
    try {
      // Podman answers a wait on a container removed meanwhile with StatusCode 0 and an Error.
      const answer = (await this.container.wait()) as { StatusCode?: number; Error?: { Message?: string } | null };
      exit = await this.classify(answer.Error?.Message ? null : (answer.StatusCode ?? null));
    } catch {
      // The container went away under the wait (removed, engine restarted): ask once more.
      exit = await this.classify(null);
    }
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      this.log.done.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DRAIN_MS))),
    ]);
    clearTimeout(timer);
    if (!drained) await this.log.recover();
    return exit;
  }

  private async classify(code: number | null): Promise<TaskExit> {
    let state: Dockerode.ContainerInspectInfo['State'] | undefined;
    let gone = false;
    try {
      state = (await this.container.inspect()).State;
    } catch (error) {
      gone = statusOf(error) === 404;
    }
    const exitCode = code ?? (state?.Running === false ? state.ExitCode : null);
    if (exitCode !== null) return exitFromCode(exitCode, state?.OOMKilled === true);
    // Removed while it ran (by us or by `removeRunContainers`): it was forcefully killed.
    return this.stopped || gone ? { result: 'killed', exitCode: null } : { result: 'unknown', exitCode: null };
  }
}
