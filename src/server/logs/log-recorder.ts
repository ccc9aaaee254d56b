/**
 * The live log recorder (docs/live-logs.md): a bus subscriber that stores
 * each task attempt's output as it arrives, in whole-line chunks within the
 * bound of live-log-bounds.ts, so a running task's log can be read, followed,
 * and still served after a restart. Writes go through one queue; a read waits
 * its turn in that queue, so what it returns (stored chunks, chunks being
 * written, lines not yet written) holds every line exactly once.
 */
import type { EngineEvent, TaskLogEvent } from '../../engine/ports/events.js';
import type { BusSubscriber } from '../../observe/bus-subscriber.js';
import type { LogChunk } from '../../store/ports/log-chunks.js';
import type { Store } from '../../store/ports/store.js';
import { AttemptBound, LIVE_CHUNK_BYTES, LIVE_FLUSH_MS } from './live-log-bounds.js';
import type { LiveLog } from './live-log.js';

/** What a follower hears: a new line (numbered from 0 in its attempt), or the end of the task. */
export type LiveItem = { kind: 'line'; attempt: number; line: number; text: string } | { kind: 'end' };

const ENDS = new Set<EngineEvent['type']>(['task_succeeded', 'task_failed', 'task_skipped', 'task_cached']);
const TYPES = new Set<EngineEvent['type']>(['task_log', 'task_retrying', 'run_terminal', ...ENDS]);

interface Attempt {
  runId: string;
  attempt: number;
  nextLine: number;
  bytes: number;
  seq: number;
  pending: string[];
  pendingFirstLine: number;
  pendingOffset: number;
  pendingBytes: number;
  bound: AttemptBound;
  inflight: Map<number, LogChunk>;
}

interface Listener {
  runId: string;
  hear: (item: LiveItem) => void;
}

export class LogRecorder implements BusSubscriber {
  readonly name = 'live-logs';
  readonly types = TYPES;
  /** Lines arrive much faster than other events; the handler only buffers them. */
  readonly bufferSize = 200_000;
  readonly #store: Store;
  readonly #onError: (error: unknown) => void;
  readonly #attempts = new Map<string, Attempt>();
  readonly #listeners = new Map<string, Set<Listener>>();
  #queue: Promise<void> = Promise.resolve();
  readonly #timer: NodeJS.Timeout;
  #failing = false;

  constructor(store: Store, onError: (error: unknown) => void) {
    this.#store = store;
    this.#onError = onError;
    this.#timer = setInterval(() => this.#takeAll(), LIVE_FLUSH_MS);
    this.#timer.unref();
  }

  handle(event: EngineEvent): void {
    if (event.type === 'task_log') return this.#line(event);
    if (event.type === 'run_terminal') {
      for (const [id, set] of this.#listeners) if ([...set].some((l) => l.runId === event.runId)) this.#end(id);
      return;
    }
    if (event.type === 'task_retrying') return this.#finish(event.payload.id);
    if (ENDS.has(event.type) && 'payload' in event && 'id' in event.payload) {
      this.#finish(event.payload.id);
      this.#end(event.payload.id);
    }
  }

  /** Everything stored and buffered for `taskRunId` so far. */
  read(taskRunId: string): Promise<LiveLog> {
    return this.#enqueue(async () => {
      const stored = await this.#store.logChunks.list(taskRunId);
      const state = this.#attempts.get(taskRunId);
      if (state === undefined) {
        const last = stored.at(-1);
        return { chunks: stored, attempt: last?.attempt ?? 0, nextLine: last === undefined ? 0 : last.firstLine + last.lineCount };
      }
      const chunks = stored.filter((c) => c.attempt !== state.attempt || state.bound.keeps(c.seq));
      const seen = new Set(chunks.filter((c) => c.attempt === state.attempt).map((c) => c.seq));
      for (const c of state.inflight.values()) if (!seen.has(c.seq) && state.bound.keeps(c.seq)) chunks.push(c);
      if (state.pending.length > 0) chunks.push(this.#pendingChunk(taskRunId, state, -1));
      chunks.sort((a, b) => a.attempt - b.attempt || a.firstLine - b.firstLine);
      return { chunks, attempt: state.attempt, nextLine: state.nextLine };
    });
  }

  /** Whether lines of `taskRunId` may still arrive here (a reader of a finished task should wait for its end). */
  active(taskRunId: string): boolean {
    return this.#attempts.has(taskRunId);
  }

  /** Calls `hear` with each new line of `taskRunId` and once with its end; returns the unsubscribe function. */
  listen(taskRunId: string, runId: string, hear: (item: LiveItem) => void): () => void {
    const listener = { runId, hear };
    let set = this.#listeners.get(taskRunId);
    if (set === undefined) this.#listeners.set(taskRunId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(taskRunId) === set) this.#listeners.delete(taskRunId);
    };
  }

  /** Writes everything buffered (the bus calls this on flush). */
  flush(): Promise<void> {
    this.#takeAll();
    return this.#enqueue(() => Promise.resolve());
  }

  /** Writes what is buffered and ends every follower. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
    for (const id of [...this.#listeners.keys()]) this.#end(id);
  }

  #line(event: TaskLogEvent): void {
    let state = this.#attempts.get(event.taskRunId);
    if (state !== undefined && state.attempt !== event.attempt) {
      this.#finish(event.taskRunId);
      state = undefined;
    }
    if (state === undefined) {
      state = newAttempt(event.runId, event.attempt);
      this.#attempts.set(event.taskRunId, state);
    }
    const text = `${event.text}\n`;
    const line = state.nextLine++;
    const bytes = Buffer.byteLength(text, 'utf8');
    state.pending.push(text);
    state.pendingBytes += bytes;
    state.bytes += bytes;
    const set = this.#listeners.get(event.taskRunId);
    if (set !== undefined) for (const l of set) l.hear({ kind: 'line', attempt: event.attempt, line, text });
    if (state.pendingBytes >= LIVE_CHUNK_BYTES) this.#take(event.taskRunId, state);
  }

  /** The attempt ended: write what it buffered and forget it. */
  #finish(taskRunId: string): void {
    const state = this.#attempts.get(taskRunId);
    if (state === undefined) return;
    this.#take(taskRunId, state);
    this.#attempts.delete(taskRunId);
  }

  #end(taskRunId: string): void {
    const set = this.#listeners.get(taskRunId);
    this.#listeners.delete(taskRunId);
    if (set !== undefined) for (const l of set) l.hear({ kind: 'end' });
  }

  #takeAll(): void {
    for (const [id, state] of this.#attempts) this.#take(id, state);
  }

  /** Moves the pending lines into a chunk and queues its write (and the tail chunks it rotates out). */
  #take(taskRunId: string, state: Attempt): void {
    if (state.pending.length === 0) return;
    const chunk = this.#pendingChunk(taskRunId, state, state.seq++);
    state.pending = [];
    state.pendingFirstLine = state.nextLine;
    state.pendingOffset = state.bytes;
    const rotated = state.bound.place(chunk.seq, state.pendingBytes);
    state.pendingBytes = 0;
    state.inflight.set(chunk.seq, chunk);
    for (const seq of rotated) state.inflight.delete(seq);
    void this.#enqueue(async () => {
      try {
        await this.#store.logChunks.append(chunk);
        await this.#store.logChunks.remove(taskRunId, chunk.attempt, rotated);
        this.#failing = false;
      } catch (error) {
        // Reported once per outage (a full disk would otherwise log every chunk); the lines are lost.
        if (!this.#failing) this.#onError(error);
        this.#failing = true;
      } finally {
        state.inflight.delete(chunk.seq);
      }
    });
  }

  #pendingChunk(taskRunId: string, state: Attempt, seq: number): LogChunk {
    return {
      taskRunId,
      runId: state.runId,
      attempt: state.attempt,
      seq,
      firstLine: state.pendingFirstLine,
      lineCount: state.pending.length,
      byteOffset: state.pendingOffset,
      text: state.pending.join(''),
    };
  }

  /** Runs `fn` after everything queued before it; a failure is reported, never thrown into the queue. */
  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(fn);
    this.#queue = result.then(
      () => undefined,
      (error: unknown) => this.#onError(error),
    );
    return result;
  }
}

function newAttempt(runId: string, attempt: number): Attempt {
  return {
    runId,
    attempt,
    nextLine: 0,
    bytes: 0,
    seq: 0,
    pending: [],
    pendingFirstLine: 0,
    pendingOffset: 0,
    pendingBytes: 0,
    bound: new AttemptBound(),
    inflight: new Map(),
  };
}
