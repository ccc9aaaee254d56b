/**
 * The server's cron scheduler (server.md §9, D4, D7, D8). One loop: read the
 * cron triggers of every current, unpaused job from the store, fire the
 * slots that are due, sleep until the next slot or the next reload,
 * whichever comes first. Reading the triggers on every wake is what picks up
 * re-applied, newly applied and paused definitions without a restart.
 *
 * A slot fires once. The last slot handled per job is kept in the store
 * (`trigger_state`) and moved with a compare-and-set before the run starts,
 * so neither a restart nor a second scheduler on the same database fires it
 * again (a crash between the two loses the slot rather than doubling it).
 *
 * Choices where the spec is silent:
 * - Slots missed while the server was down (or while the loop was late):
 *   only the latest missed slot fires, once, when the server is back; the
 *   others are skipped with one log line. No backlog is replayed unless the
 *   trigger sets `catchup: true`, which replays up to 100 of the latest
 *   missed slots, oldest first, every one but the latest with the extra
 *   param `is_catchup=true`.
 * - A job the scheduler has never seen starts owing slots from when it was
 *   applied or when the scheduler started, whichever is later.
 * - A re-apply that changes the expression or time zone starts the new
 *   schedule from its apply time; slots of the old schedule are not fired.
 * - Slots that pass while a job is paused are skipped, not fired on unpause.
 * - A bad trigger (no expression, bad expression, unknown zone) logs one line
 *   (again only when its configuration changes) and is skipped.
 */
import type { Clock } from '../../engine/ports/clock.js';
import type { CronTriggerRow, Store } from '../../engine/ports/store.js';
import { dueSlots, logicalDate, nextSlot, scheduleOf, type CronSchedule } from './cron-schedule.js';

/** Missed slots a `catchup: true` trigger replays at most. */
const MAX_CATCHUP_SLOTS = 100;

export interface CronSchedulerDeps {
  store: Pick<Store, 'triggerState'>;
  clock: Clock;
  /** Starts one run of the job (catalog id) with `params` over the trigger's defaultParams; resolves once it exists. */
  fire: (job: CronTriggerRow, params: Record<string, string>) => Promise<void>;
  /** One line per problem. */
  log: (line: string) => void;
  /** How often the triggers are re-read when no slot is due sooner (default 10 s). */
  reloadMs?: number;
}

/** Schedules cron triggers until stopped. */
export class CronScheduler {
  readonly #deps: CronSchedulerDeps;
  readonly #reloadMs: number;
  readonly #reported = new Map<string, string>();
  readonly #stop = new AbortController();
  #wake = new AbortController();
  #loop: Promise<void> | undefined;
  #startedAt: number | undefined;

  constructor(deps: CronSchedulerDeps) {
    this.#deps = deps;
    this.#reloadMs = deps.reloadMs ?? 10_000;
  }

  /** Starts the loop (once). */
  start(): void {
    this.#startedAt ??= this.#deps.clock.now();
    this.#loop ??= this.#run();
  }

  /** Re-reads the triggers now (e.g. after an apply) instead of at the next reload. */
  poke(): void {
    this.#wake.abort();
  }

  /** Stops the loop and waits for a tick in progress to end. Idempotent. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#wake.abort();
    await this.#loop;
  }

  /**
   * One pass: fires every due slot and resolves to when the next one is due
   * (at most one reload interval ahead). The loop calls it; tests call it
   * with a fake clock.
   */
  async tick(): Promise<number> {
    const now = this.#deps.clock.now();
    this.#startedAt ??= now;
    let wakeAt = now + this.#reloadMs;
    const rows = await this.#deps.store.triggerState.cronTriggers();
    for (const row of rows) {
      if (this.#stop.signal.aborted) break;
      try {
        const next = await this.#handle(row, now);
        if (next !== undefined) wakeAt = Math.min(wakeAt, next);
      } catch (error) {
        this.#deps.log(`caesium server: cron trigger of job ${row.alias} failed: ${message(error)}`);
      }
    }
    return wakeAt;
  }

  async #run(): Promise<void> {
    const { clock } = this.#deps;
    while (!this.#stop.signal.aborted) {
      // A poke during the tick below ends the sleep after it at once.
      if (this.#wake.signal.aborted) this.#wake = new AbortController();
      const wake = this.#wake.signal;
      let wakeAt = clock.now() + this.#reloadMs;
      try {
        wakeAt = await this.tick();
      } catch (error) {
        this.#deps.log(`caesium server: cron scheduler could not read the triggers: ${message(error)}`);
      }
      if (this.#stop.signal.aborted) break;
      await clock.sleep(Math.max(0, wakeAt - clock.now()), wake);
    }
  }

  /** Handles one job; resolves to its next slot (undefined when it has none to schedule). */
  async #handle(row: CronTriggerRow, now: number): Promise<number | undefined> {
    const parsed = scheduleOf(row.configuration);
    if (!parsed.ok) {
      this.#reportOnce(row, parsed.problem);
      return undefined;
    }
    this.#reported.delete(row.jobId);
    const schedule = parsed.schedule;
    const { state } = row;
    const applied = Date.parse(row.appliedAt);
    let cursor: number;
    if (state === undefined) cursor = Math.max(applied, this.#startedAt ?? now);
    else if (state.schedule !== schedule.signature) cursor = Math.max(Date.parse(state.lastSlot), applied);
    else cursor = Date.parse(state.lastSlot);
    const rebased = state === undefined || state.schedule !== schedule.signature || cursor !== Date.parse(state.lastSlot);

    const due = dueSlots(schedule, cursor, now, schedule.catchup ? MAX_CATCHUP_SLOTS : 1);
    const latest = due.slots.at(-1);
    const target = latest ?? cursor;
    if (latest === undefined && !rebased) return nextSlot(schedule, cursor);
    const claimed = await this.#deps.store.triggerState.advance(row.jobId, state?.lastSlot, {
      lastSlot: new Date(target).toISOString(),
      schedule: schedule.signature,
      now: new Date(now).toISOString(),
    });
    if (!claimed) return now + 1000; // another scheduler moved the cursor: re-read soon
    if (latest !== undefined && !row.paused) await this.#fireAll(row, schedule, due);
    return nextSlot(schedule, target);
  }

  async #fireAll(row: CronTriggerRow, schedule: CronSchedule, due: { slots: number[]; skipped: number }): Promise<void> {
    if (due.skipped > 0) {
      this.#deps.log(`caesium server: cron trigger of job ${row.alias} skipped ${due.skipped} missed slot(s) before ${logicalDate(due.slots[0] ?? 0)}`);
    }
    for (const [i, slot] of due.slots.entries()) {
      const params: Record<string, string> = { logical_date: logicalDate(slot) };
      if (schedule.catchup && i < due.slots.length - 1) params.is_catchup = 'true';
      try {
        await this.#deps.fire(row, params);
      } catch (error) {
        this.#deps.log(`caesium server: cron run of job ${row.alias} for ${params.logical_date} did not start: ${message(error)}`);
      }
    }
  }

  #reportOnce(row: CronTriggerRow, problem: string): void {
    const key = `${row.versionId}|${problem}`;
    if (this.#reported.get(row.jobId) === key) return;
    this.#reported.set(row.jobId, key);
    this.#deps.log(`caesium server: cron trigger of job ${row.alias} is not scheduled: ${problem}`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
