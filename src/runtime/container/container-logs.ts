import type Dockerode from 'dockerode';
import type { LogLine } from '../../engine/ports/runtime.js';
import { Demuxer } from './demux.js';
import { LineSplitter } from '../line-splitter.js';
import { LogChannel } from '../log-channel.js';

type Stream = LogLine['stream'];
type LogStream = NodeJS.ReadableStream & { destroy?: () => void };

/**
 * A container's log lines. `follow()` streams them as they come (the
 * engine's multiplexed stream, demultiplexed, split into lines). Podman's
 * follow stream now and then neither delivers its last bytes nor ends after
 * the container exits; `recover()` then reads the finished log once more and
 * passes on the lines the follow stream did not.
 */
export class ContainerLogs {
  readonly channel = new LogChannel();
  /** Settles when the follow stream has ended (or failed); never rejects. */
  done: Promise<void> = Promise.resolve();
  private stream: LogStream | undefined;
  private following = true;
  private readonly sent: Record<Stream, number> = { stdout: 0, stderr: 0 };

  constructor(private readonly container: Dockerode.Container) {}

  /** Opens the follow stream in the background (Podman answers only once the container writes). */
  follow(): void {
    this.done = this.pump();
  }

  /** Reads the whole log of the exited container and sends what the follow stream missed, then ends. */
  async recover(): Promise<void> {
    if (this.channel.isClosed) return;
    this.following = false;
    this.stream?.destroy?.();
    try {
      const raw: unknown = await this.container.logs({ follow: false, stdout: true, stderr: true });
      const lines: Record<Stream, string[]> = { stdout: [], stderr: [] };
      const splitters = splittersFor((stream, text) => lines[stream].push(text));
      new Demuxer((stream, payload) => splitters[stream].write(payload)).write(
        Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'latin1'),
      );
      for (const stream of ['stdout', 'stderr'] as const) {
        splitters[stream].end();
        for (const text of lines[stream].slice(this.sent[stream])) this.channel.push({ stream, text });
      }
    } catch {
      // The container is gone: what was sent is all there is.
    } finally {
      this.close();
    }
  }

  /** Stops following and ends the lines. */
  close(): void {
    this.following = false;
    this.stream?.destroy?.();
    this.channel.close();
  }

  private async pump(): Promise<void> {
    const splitters = splittersFor((stream, text) => {
      if (!this.following) return;
      this.sent[stream] += 1;
      this.channel.push({ stream, text });
    });
    try {
      const stream: LogStream = await this.container.logs({ follow: true, stdout: true, stderr: true });
      this.stream = stream;
      if (!this.following) stream.destroy?.();
      const demuxer = new Demuxer((name, payload) => splitters[name].write(payload));
      stream.on('data', (chunk: Buffer) => demuxer.write(chunk));
      await new Promise<void>((resolve) => {
        stream.once('end', resolve);
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      });
    } catch {
      // No logs to be had (the container is gone): the lines just end.
    } finally {
      splitters.stdout.end();
      splitters.stderr.end();
      if (this.following) this.close();
    }
  }
}

function splittersFor(emit: (stream: Stream, text: string) => void): Record<Stream, LineSplitter> {
  return {
    stdout: new LineSplitter((text) => emit('stdout', text)),
    stderr: new LineSplitter((text) => emit('stderr', text)),
  };
}
