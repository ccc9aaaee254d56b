/**
 * The driver of one run: claims frontier tasks up to the parallelism limit,
 * runs each attempt, commits it, and wakes on completions and retry timers
 * (in process, no polling) until nothing is running and nothing is ready.
 */
import { executeAttempt, logEvent } from './attempt.js';
import { claimFrontier } from './claim.js';
import { commitAttempt, type ClaimSlots, type Committed } from './commit.js';
import { decideAttempt, type Decision } from './decide.js';
import { runErrorFor } from './failure.js';
import { finishRun, type RunEnd } from './finish-run.js';
import { Notifier } from './notifier.js';
import type { TaskRunRecord } from './ports/store-records.js';
import type { RunContext, StopReason } from './run-context.js';
import type { RunSummary } from './run-types.js';
import { buildSummary } from './summary.js';
import { storeCacheEntry, shortCircuit } from './cache-entry.js';
import { commitCacheHit, lookupCache } from './cache-hit.js';
import { cacheKeyOf } from './cache-key.js';
import { hitReasons, missReasons, offReasons, REFRESH_REASON, type CacheDecision } from './cache-explain.js';
import type { PlannedTask } from './run-plan.js';
import { errorText } from '../errors.js';
import { cancelledByOf } from './cancel-request.js';
import { hasWorkLeft, isSuspension, requeueStopped, RunSuspended } from './suspend.js';

/** What a resumed run carries over from before the process that drove it died. */
export interface ResumedState {
  /** The run error of the first task that failed before. */
  firstError: string | undefined;
  /** The task that halted the run (`halt` policy). */
  halt: string | undefined;
  /** Clock times (ms) at which pending retries become claimable. */
  retryAt: readonly number[];
  /** How long the run has been running: its timeout counts from its start. */
  elapsedMs: number;
}

/**
 * Runs one created (or resumed) run to its end; or, when `drain` aborts or
 * the signal aborts with a `RunSuspension`, leaves it for a later process
 * (suspend.ts) and rejects with `RunSuspended`.
 */
export class Scheduler {
  readonly #ctx: RunContext;
  readonly #signal: AbortSignal;
  readonly #drain: AbortSignal | undefined;
  /** The run's tasks are being stopped to be resumed later (the signal's reason was a `RunSuspension`). */
  #suspending = false;
  readonly #wake = new Notifier();
  /** Aborted when the run ends: cancels retry timers and the run timeout. */
  readonly #scope = new AbortController();
  readonly #attempts = new Set<AbortController>();
  readonly #warnings = new Map<string, string[]>();
  #active = 0;
  /** Slots promised to claims in flight. */
  #reserved = 0;
  #timers = 0;
  /**
   * False once a claim found fewer ready tasks than it could take; set again when
   * a claim filled up or a retry timer fired. Spares the loop a query per wake-up.
   */
  #mayHaveReady = true;
  #halt: string | undefined;
  #firstError: string | undefined;
  readonly #resumed: ResumedState | undefined;

  constructor(ctx: RunContext, signal: AbortSignal, resumed?: ResumedState, drain?: AbortSignal) {
    this.#ctx = ctx;
    this.#signal = signal;
    this.#drain = drain;
    this.#resumed = resumed;
    this.#halt = resumed?.halt;
    this.#firstError = resumed?.firstError;
  }

  /** Drives the run and ends it; `startError` fails it without running anything. */
  async run(startError?: string): Promise<RunSummary> {
    const onAbort = (): void => {
      if (isSuspension(this.#signal)) return this.#suspend();
      const by = cancelledByOf(this.#signal);
      this.#requestStop(by === undefined ? { kind: 'cancelled' } : { kind: 'cancelled', by });
    };
    const onDrain = (): void => this.#wake.notify();
    try {
      if (startError === undefined) {
        this.#signal.addEventListener('abort', onAbort);
        this.#drain?.addEventListener('abort', onDrain);
        if (this.#signal.aborted) onAbort();
        this.#startRunTimeout();
        for (const until of this.#resumed?.retryAt ?? []) this.#retryTimer(until);
        try {
          await this.#loop();
        } catch (error) {
          this.#requestStop({ kind: 'internal', message: `internal error: ${errorText(error)}` });
          while (this.#active > 0) await this.#wake.wait();
        }
      }
      if (startError === undefined && (await this.#leavesRun())) throw new RunSuspended(this.#ctx.runId);
      const { run, tasks } = await finishRun(this.#ctx, this.#end(startError));
      return buildSummary(this.#ctx, run, tasks, this.#warnings);
    } finally {
      this.#scope.abort();
      this.#signal.removeEventListener('abort', onAbort);
      this.#drain?.removeEventListener('abort', onDrain);
    }
  }

  /** Draining or suspending: nothing new is claimed. */
  #holding(): boolean {
    return this.#suspending || this.#drain?.aborted === true;
  }

  /** Held, not stopped or halted, and work left: the run stays `running` for the next start. */
  async #leavesRun(): Promise<boolean> {
    if (!this.#holding() || this.#ctx.stop !== undefined || this.#halt !== undefined) return false;
    return hasWorkLeft(this.#ctx);
  }

  /** Stops every running attempt; each is put back as a new attempt (suspend.ts). */
  #suspend(): void {
    if (this.#ctx.stop !== undefined || this.#suspending) return;
    this.#suspending = true;
    for (const attempt of this.#attempts) attempt.abort();
    this.#wake.notify();
  }

  async #loop(): Promise<void> {
    const ctx = this.#ctx;
    for (;;) {
      const free = this.#mayHaveReady ? this.#reserve(false) : 0;
      if (free > 0) {
        try {
          for (const tr of await this.#claim(free)) this.#launch(tr);
        } finally {
          this.#reserved -= free;
        }
      }
      const draining = ctx.stop !== undefined || this.#halt !== undefined || this.#timers === 0 || this.#holding();
      if (this.#active === 0 && draining) return;
      await this.#wake.wait();
    }
  }

  async #claim(limit: number): Promise<TaskRunRecord[]> {
    const ctx = this.#ctx;
    const { rows, events } = await ctx.write(() =>
      ctx.deps.store.transaction(async (tx) => {
        const claimed = await claimFrontier(tx, ctx, limit);
        this.#noteClaimed(claimed.rows.length, limit);
        return { rows: claimed.rows, events: claimed.events.length === 0 ? [] : await tx.events.append(claimed.events) };
      }),
    );
    ctx.publish(events);
    return rows;
  }

  #launch(tr: TaskRunRecord): void {
    this.#active++;
    const attempt = new AbortController();
    this.#attempts.add(attempt);
    if (this.#ctx.stop !== undefined || this.#suspending) attempt.abort();
    void this.#work(tr, attempt.signal)
      .catch((error: unknown) => this.#requestStop({ kind: 'internal', message: `internal error: ${errorText(error)}` }))
      .finally(() => {
        this.#attempts.delete(attempt);
        this.#active--;
        this.#wake.notify();
      });
  }

  async #work(tr: TaskRunRecord, signal: AbortSignal): Promise<void> {
    const ctx = this.#ctx;
    const task = ctx.plan.get(tr.id);
    const cacheWarnings: string[] = [];
    const key = await cacheKeyOf(ctx, task, cacheWarnings);
    if (key === undefined && tr.attempt === 1)
      await this.#decided(task, 'off', () => Promise.resolve(offReasons(ctx, task, cacheWarnings)));
    const refresh = key !== undefined && tr.attempt === 1 && ctx.settings.refresh.has(task.step.name);
    if (refresh) await this.#decided(task, 'rerun', () => Promise.resolve([REFRESH_REASON]));
    if (key !== undefined && tr.attempt === 1 && !signal.aborted && !refresh) {
      const hit = await lookupCache(ctx, task, key, cacheWarnings);
      if (hit !== undefined) {
        await this.#decided(task, 'hit', () => Promise.resolve(hitReasons(hit)));
        const committed = await this.#commit(tr, (slots) => commitCacheHit(ctx, task, tr, hit, slots));
        for (const next of committed.claimed) this.#launch(next);
        return;
      }
      await this.#decided(task, 'miss', () => missReasons(ctx, task, key));
      this.#notify(() => ctx.deps.onCacheMiss?.(ctx.job.alias, task.step.name));
    }
    const attempt = await executeAttempt(ctx, task, tr, signal);
    if (this.#suspending && attempt.outcome.kind === 'stopped') return requeueStopped(ctx, tr);
    const decision = decideAttempt(ctx, task, tr, attempt);
    if (key !== undefined && decision.status === 'succeeded') await shortCircuit(ctx, task, key, decision.output);
    this.#warnings.set(tr.id, decision.warnings);
    if (decision.warnings.length > 0) ctx.publish(decision.warnings.map((w) => logEvent(ctx, tr, 'system', `caesium: ${w}`)));
    const committed = await this.#commit(tr, (slots) => commitAttempt(ctx, task, tr, decision, attempt, slots));
    for (const next of committed.claimed) this.#launch(next);
    if (committed.kind === 'retry') {
      if (committed.delayMs > 0) this.#retryTimer(ctx.deps.clock.now() + committed.delayMs);
      this.#cacheWarnings(tr, cacheWarnings);
      return;
    }
    if (committed.row?.status === 'failed') this.#onFailed(tr, decision);
    if (key !== undefined && committed.row !== undefined) {
      const refused = await storeCacheEntry(ctx, committed.row, key);
      if (refused !== undefined) cacheWarnings.push(refused);
    }
    this.#cacheWarnings(tr, cacheWarnings);
  }

  /** Runs a completion transaction with the claim slots of a worker that is finishing. */
  async #commit(tr: TaskRunRecord, commit: (slots: ClaimSlots) => Promise<Committed>): Promise<Committed> {
    let reserved = 0;
    const slots: ClaimSlots = {
      reserve: (ended) => {
        if (ended === 'failed' && this.#ctx.settings.failurePolicy === 'halt') this.#halt ??= tr.name;
        this.#reserved -= reserved; // a commit retried after a failed write reserves again
        reserved = this.#reserve(true);
        return reserved;
      },
      claimed: (count, limit) => this.#noteClaimed(count, limit),
    };
    try {
      return await this.#ctx.write(() => commit(slots));
    } finally {
      this.#reserved -= reserved;
    }
  }

  /** Task-cache problems: a live `caesium:` line each, and the task's warnings in the summary. */
  #cacheWarnings(tr: TaskRunRecord, warnings: readonly string[]): void {
    if (warnings.length === 0) return;
    this.#warnings.set(tr.id, [...(this.#warnings.get(tr.id) ?? []), ...warnings]);
    this.#ctx.publish(warnings.map((w) => logEvent(this.#ctx, tr, 'system', `caesium: ${w}`)));
  }

  /** Tells `onCacheDecision` (when set) a task's cache outcome; the reasons are worked out only then. */
  async #decided(task: PlannedTask, outcome: CacheDecision['outcome'], reasons: () => Promise<string[]>): Promise<void> {
    const hook = this.#ctx.deps.onCacheDecision;
    if (hook === undefined) return;
    const decision: CacheDecision = { jobAlias: this.#ctx.job.alias, step: task.step.name, outcome, reasons: await reasons() };
    this.#notify(() => hook(decision));
  }

  /** Calls an observer hook; one that throws never fails a run. */
  #notify(hook: () => void): void {
    try {
      hook();
    } catch {
      // docs/architecture.md rule 6
    }
  }

  /**
   * Reserves the slots a claim may fill now. `ownSlot`: the caller is a worker
   * about to end, whose slot is free for what it claims.
   */
  #reserve(ownSlot: boolean): number {
    if (this.#ctx.stop !== undefined || this.#halt !== undefined || this.#holding()) return 0;
    const free = this.#ctx.settings.maxParallel - this.#active - this.#reserved + (ownSlot ? 1 : 0);
    if (free <= 0) return 0;
    this.#reserved += free;
    return free;
  }

  #noteClaimed(count: number, limit: number): void {
    this.#mayHaveReady = count >= limit;
  }

  #onFailed(tr: TaskRunRecord, decision: Decision): void {
    if (decision.failure !== null) this.#firstError ??= runErrorFor(tr.name, decision.failure);
    if (this.#ctx.settings.failurePolicy === 'halt') this.#halt ??= tr.name;
  }

  /** Wakes the loop once `until` has passed on the clock (a retry becomes claimable). */
  #retryTimer(until: number): void {
    const { clock } = this.#ctx.deps;
    this.#timers++;
    const wait = async (): Promise<void> => {
      while (!this.#scope.signal.aborted && clock.now() < until) await clock.sleep(until - clock.now(), this.#scope.signal);
    };
    void wait()
      .catch(() => undefined) // the Clock port never rejects; a broken clock must not leave the loop asleep
      .finally(() => {
        this.#timers--;
        this.#mayHaveReady = true;
        this.#wake.notify();
      });
  }

  #startRunTimeout(): void {
    const afterMs = this.#ctx.settings.runTimeoutMs;
    if (afterMs <= 0) return;
    void this.#ctx.deps.clock
      .sleep(Math.max(0, afterMs - (this.#resumed?.elapsedMs ?? 0)), this.#scope.signal)
      .catch(() => undefined)
      .then(() => {
        if (!this.#scope.signal.aborted) this.#requestStop({ kind: 'timeout', afterMs });
      });
  }

  #requestStop(reason: StopReason): void {
    if (this.#ctx.stop !== undefined) return;
    this.#ctx.stop = reason;
    for (const attempt of this.#attempts) attempt.abort();
    this.#wake.notify();
  }

  #end(startError: string | undefined): RunEnd {
    if (startError !== undefined) return { status: 'failed', error: startError, unfinished: { status: 'skipped', reason: startError } };
    const stop = this.#ctx.stop;
    if (stop !== undefined) {
      const error = this.#ctx.stopError(stop);
      const by = stop.kind === 'cancelled' ? stop.by : undefined;
      return {
        status: stop.kind === 'cancelled' ? 'cancelled' : 'failed',
        error,
        unfinished: { status: 'cancelled', reason: error },
        ...(by === undefined ? {} : { cancelledBy: by }),
      };
    }
    const neverReady = { status: 'skipped' as const, reason: 'never became ready' };
    if (this.#halt !== undefined) {
      return {
        status: 'failed',
        error: this.#firstError ?? `task "${this.#halt}" failed`,
        unfinished: { status: 'skipped', reason: `run halted after task "${this.#halt}" failed` },
      };
    }
    if (this.#firstError !== undefined) return { status: 'failed', error: this.#firstError, unfinished: neverReady };
    return { status: 'succeeded', error: null, unfinished: neverReady };
  }
}
