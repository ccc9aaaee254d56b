/**
 * The server's cron scheduler (docs/decisions.md §9, D4, D7, D8). One loop: read the
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
 * Which slots fire, and where the cursor moves, is decided by the pure
 * `planCronStep` (src/trigger/cron-plan.ts: missed slots, catch-up, new jobs,
 * changed schedules). Choices of the loop where the contract says nothing:
 * - Slots that pass while a job is paused are skipped, not fired on unpause.
 * - A bad trigger (no expression, bad expression, unknown zone) logs one line
 *   (again only when its configuration changes) and is skipped.
 */
import type { Clock } from '../../engine/ports/clock.js';
import type { CronTriggerRow, Store } from '../../store/ports/store.js';
import { planCronStep, type CronStep } from '../../trigger/cron-plan.js';
import { logicalDate, scheduleOf } from '../../trigger/cron-schedule.js';
import { errorText } from '../../errors.js';

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
        this.#deps.log(`caesium server: cron trigger of job ${row.alias} failed: ${errorText(error)}`);
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
        this.#deps.log(`caesium server: cron scheduler could not read the triggers: ${errorText(error)}`);
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
    const step = planCronStep(schedule, row.state, {
      appliedAtMs: Date.parse(row.appliedAt),
      startedAtMs: this.#startedAt ?? now,
      nowMs: now,
    });
    if (step.kind === 'wait') return step.nextAt;
    const claimed = await this.#deps.store.triggerState.advance(row.jobId, row.state?.lastSlot, {
      lastSlot: new Date(step.to).toISOString(),
      schedule: schedule.signature,
      now: new Date(now).toISOString(),
    });
    if (!claimed) return now + 1000; // another scheduler moved the cursor: re-read soon
    if (step.fires.length > 0 && !row.paused) await this.#fireAll(row, step);
    return step.nextAt;
  }

  async #fireAll(row: CronTriggerRow, step: Extract<CronStep, { kind: 'advance' }>): Promise<void> {
    if (step.skipped > 0) {
      this.#deps.log(
        `caesium server: cron trigger of job ${row.alias} skipped ${step.skipped} missed slot(s) before ${step.fires[0]?.logical_date ?? logicalDate(0)}`,
      );
    }
    for (const params of step.fires) {
      try {
        await this.#deps.fire(row, params);
      } catch (error) {
        this.#deps.log(`caesium server: cron run of job ${row.alias} for ${params.logical_date} did not start: ${errorText(error)}`);
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
