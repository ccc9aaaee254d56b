/**
 * Drives one backfill to its end (docs/decisions.md §10): launches its slots in
 * order, at most `max_concurrent` runs in flight, records each slot's
 * outcome and the counters, and ends the backfill `succeeded`, `failed` or
 * (after a cancel request, once the runs in flight drained) `cancelled`.
 *
 * Everything it knows is in the store (`backfill_slots`), so a restarted
 * server picks a running backfill up where it was. Runs end on their own;
 * the runner checks the ones in flight when woken (a run ended) and at least
 * every `pollMs`. Each slot is claimed in the store before its run starts, so
 * servers sharing a database that drive the same backfill start each slot once. The cancel request is read from the store on every pass, so
 * a cancel made through any server sharing the database is seen.
 */
import type { Clock } from '../../engine/ports/clock.js';
import type { BackfillRecord, BackfillSlot, BackfillStatus, Store } from '../../store/ports/store.js';
import { errorText } from '../../errors.js';

export interface BackfillRunnerDeps {
  store: Pick<Store, 'backfills' | 'runs'>;
  clock: Clock;
  /**
   * Starts a run of the job (catalog id) with `params` over the trigger's
   * defaultParams, recorded as the backfill's; resolves to its id once it exists.
   */
  launch: (jobId: string, params: Record<string, string>, backfillId: string) => Promise<string>;
  log: (line: string) => void;
  /** Hears about each run started and ended (`started`, `succeeded`, `failed`). */
  onRun?: (status: 'started' | 'succeeded' | 'failed') => void;
  /** How often runs in flight are checked without a wake-up (default 1 s). */
  pollMs: number;
}

/**
 * Runs the backfill until it ends or `stop` aborts (a server shutting down:
 * the backfill stays `running` and resumes on the next start). `wake()`
 * returns the signal that ends the current wait early.
 */
export async function driveBackfill(
  deps: BackfillRunnerDeps,
  id: string,
  signals: { stop: AbortSignal; wake: () => AbortSignal; resumed: boolean },
): Promise<BackfillRecord | undefined> {
  const { store, clock } = deps;
  const slots = await store.backfills.slots(id);
  if (signals.resumed) await requeueInterrupted(deps, id, slots);
  for (;;) {
    const wake = signals.wake();
    await settle(deps, id, slots);
    const record = await store.backfills.get(id);
    if (record === undefined || record.status !== 'running') return record;
    const cancelling = record.cancelRequestedAt !== null;
    if (!cancelling && !signals.stop.aborted) await launchMore(deps, record, slots);
    const counts = tally(slots);
    const now = new Date(clock.now()).toISOString();
    if (counts.running === 0 && (counts.pending === 0 || cancelling)) {
      const status: BackfillStatus = cancelling ? 'cancelled' : counts.failed > 0 ? 'failed' : 'succeeded';
      return store.backfills.update(id, { completedRuns: counts.succeeded, failedRuns: counts.failed, status, completedAt: now, now });
    }
    if (counts.succeeded !== record.completedRuns || counts.failed !== record.failedRuns) {
      await store.backfills.update(id, { completedRuns: counts.succeeded, failedRuns: counts.failed, now });
    }
    if (signals.stop.aborted) return undefined;
    await clock.sleep(deps.pollMs, AbortSignal.any([wake, signals.stop]));
  }
}

/** Records the outcome of every slot whose run ended. */
async function settle(deps: BackfillRunnerDeps, id: string, slots: BackfillSlot[]): Promise<void> {
  for (const slot of slots) {
    if (slot.state !== 'running' || slot.runId === null) continue;
    const run = await deps.store.runs.get(slot.runId);
    if (run?.status === 'running') continue;
    slot.state = run?.status === 'succeeded' ? 'succeeded' : 'failed';
    await deps.store.backfills.setSlot(id, slot.position, { runId: slot.runId, state: slot.state });
    deps.onRun?.(slot.state);
  }
}

/** Starts pending slots, in order, until `max_concurrent` runs are in flight. A run that cannot start counts as failed. */
async function launchMore(deps: BackfillRunnerDeps, record: BackfillRecord, slots: BackfillSlot[]): Promise<void> {
  let running = tally(slots).running;
  for (const slot of slots) {
    if (running >= record.maxConcurrent) return;
    if (slot.state !== 'pending') continue;
    if (!(await deps.store.backfills.claimSlot(record.id, slot.position))) {
      // Another server driving the same backfill took the slot: follow the store from here.
      await refresh(deps, record.id, slots);
      running = tally(slots).running;
      continue;
    }
    try {
      slot.runId = await deps.launch(record.jobId, { logical_date: slot.logicalDate }, record.id);
      slot.state = 'running';
      running++;
      deps.onRun?.('started');
    } catch (error) {
      slot.state = 'failed';
      deps.log(`caesium server: backfill ${record.id} could not start the run for ${slot.logicalDate}: ${errorText(error)}`);
      deps.onRun?.('failed');
    }
    await deps.store.backfills.setSlot(record.id, slot.position, { runId: slot.runId, state: slot.state });
  }
}

/** Reads every slot's state and run back from the store into `slots`. */
async function refresh(deps: BackfillRunnerDeps, id: string, slots: BackfillSlot[]): Promise<void> {
  const stored = new Map((await deps.store.backfills.slots(id)).map((s) => [s.position, s]));
  for (const slot of slots) {
    const now = stored.get(slot.position);
    if (now === undefined) continue;
    slot.state = now.state;
    slot.runId = now.runId;
  }
}

/**
 * After a restart: a slot whose run was cancelled (the previous process
 * cancels its runs when it shuts down) or never recorded runs again.
 */
async function requeueInterrupted(deps: BackfillRunnerDeps, id: string, slots: BackfillSlot[]): Promise<void> {
  for (const slot of slots) {
    if (slot.state !== 'running') continue;
    const run = slot.runId === null ? undefined : await deps.store.runs.get(slot.runId);
    if (run !== undefined && run.status !== 'cancelled') continue;
    slot.state = 'pending';
    slot.runId = null;
    await deps.store.backfills.setSlot(id, slot.position, { runId: null, state: 'pending' });
  }
}

function tally(slots: readonly BackfillSlot[]): Record<BackfillSlot['state'], number> {
  const counts = { pending: 0, running: 0, succeeded: 0, failed: 0 };
  for (const slot of slots) counts[slot.state]++;
  return counts;
}
