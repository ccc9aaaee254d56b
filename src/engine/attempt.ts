/**
 * One attempt of one task on its runtime: start, stream logs, wait (racing the
 * task timeout and the run's stop), stop when needed, and always remove.
 */
import { failure } from './failure.js';
import { LogCapture } from './log-capture.js';
import { OutputCollector, type CollectedOutputs } from './output-protocol.js';
import type { StringMap } from '../jobdef/types.js';
import type { TaskFailure, TaskLogEvent } from './ports/events.js';
import { RuntimeError, type LogLine, type TaskExit, type TaskHandle, type TaskLaunch } from './ports/runtime.js';
import type { TaskRunRecord } from './ports/store-records.js';
import { taskRunPayload } from './payloads.js';
import type { RunContext } from './run-context.js';
import type { PlannedTask } from './run-plan.js';
import { buildTaskEnv } from './task-env.js';
import { errorText } from '../errors.js';

/** How an attempt ended. */
export type AttemptOutcome =
  | { kind: 'exited'; exit: TaskExit }
  | { kind: 'failed'; failure: TaskFailure }
  | { kind: 'timed_out'; afterMs: number }
  | { kind: 'stopped' };

/** An attempt's outcome with what its logs carried. */
export interface AttemptResult {
  outcome: AttemptOutcome;
  collected: CollectedOutputs;
  log: LogCapture;
  /** Problems reading logs or releasing the task; they do not change the result. */
  warnings: string[];
}

/** Runs one attempt; never throws for task problems (only for store failures). */
export async function executeAttempt(ctx: RunContext, task: PlannedTask, tr: TaskRunRecord, signal: AbortSignal): Promise<AttemptResult> {
  const log = new LogCapture();
  const collector = new OutputCollector(task.step.name);
  const warnings: string[] = [];
  const done = (outcome: AttemptOutcome): AttemptResult => ({ outcome, collected: collector.finish(), log, warnings });

  let handle: TaskHandle;
  try {
    const launch = await buildLaunch(ctx, task, tr);
    const runtime = await ctx.runtime(launch.engine);
    if (signal.aborted) return done({ kind: 'stopped' });
    handle = await runtime.start(launch, signal);
  } catch (error) {
    if (signal.aborted) return done({ kind: 'stopped' });
    const retryable = error instanceof RuntimeError ? error.retryable : true;
    return done({ kind: 'failed', failure: failure('start', errorText(error), retryable) });
  }

  try {
    try {
      await markStarted(ctx, tr, handle.id);
    } catch (error) {
      await handle.stop().catch(() => undefined); // the task must not outlive a failed write
      throw error;
    }
    const onLine = (line: LogLine): void => {
      log.add(line.text);
      collector.add(line.text);
      ctx.publish([logEvent(ctx, tr, line.stream, line.text)]);
    };
    return done(await watch(ctx, handle, signal, onLine, warnings));
  } finally {
    try {
      await handle.remove();
    } catch (error) {
      warnings.push(`removing ${handle.id} failed: ${errorText(error)}`);
    }
  }
}

async function watch(
  ctx: RunContext,
  handle: TaskHandle,
  signal: AbortSignal,
  onLine: (line: LogLine) => void,
  warnings: string[],
): Promise<AttemptOutcome> {
  const logsDone = pumpLogs(handle, onLine).then((error) => {
    if (error !== undefined) warnings.push(`reading logs failed: ${error}`);
  });
  const exited = handle.wait().then(
    (exit): AttemptOutcome => ({ kind: 'exited', exit }),
    (error): AttemptOutcome => ({ kind: 'failed', failure: failure('runtime', errorText(error)) }),
  );
  const stopped = whenAborted(signal);
  const racers: Promise<AttemptOutcome>[] = [exited, stopped.promise.then((): AttemptOutcome => ({ kind: 'stopped' }))];
  const timeoutMs = ctx.settings.taskTimeoutMs;
  const timer = timeoutMs > 0 ? new AbortController() : undefined;
  if (timer !== undefined) {
    racers.push(ctx.deps.clock.sleep(timeoutMs, timer.signal).then((): AttemptOutcome => ({ kind: 'timed_out', afterMs: timeoutMs })));
  }
  try {
    const outcome = await Promise.race(racers);
    if (outcome.kind === 'timed_out' || outcome.kind === 'stopped') {
      try {
        await handle.stop();
      } catch (error) {
        warnings.push(`stopping ${handle.id} failed: ${errorText(error)}`);
      }
      await exited;
    }
    await logsDone;
    return outcome;
  } finally {
    stopped.dispose();
    // A plain reason: aborting without one builds a DOMException.
    timer?.abort('attempt ended');
  }
}

async function pumpLogs(handle: TaskHandle, onLine: (line: LogLine) => void): Promise<string | undefined> {
  try {
    for await (const line of handle.logs()) onLine(line);
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}

/** A promise that resolves when `signal` aborts; `dispose` removes the listener. */
function whenAborted(signal: AbortSignal): { promise: Promise<void>; dispose: () => void } {
  let settle = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    settle = resolve;
  });
  if (signal.aborted) {
    settle();
    return { promise, dispose: () => undefined };
  }
  signal.addEventListener('abort', settle, { once: true });
  return { promise, dispose: () => signal.removeEventListener('abort', settle) };
}

async function buildLaunch(ctx: RunContext, task: PlannedTask, tr: TaskRunRecord): Promise<TaskLaunch> {
  const outputs = await predecessorOutputs(ctx, task);
  const step = task.step;
  return {
    runId: ctx.runId,
    taskRunId: tr.id,
    jobAlias: ctx.job.alias,
    stepName: step.name,
    attempt: tr.attempt,
    engine: ctx.settings.engineOverride ?? step.engine,
    image: step.image,
    command: step.command,
    env: buildTaskEnv({
      base: ctx.settings.env,
      stepEnv: step.env,
      runId: ctx.runId,
      jobAlias: ctx.job.alias,
      params: ctx.params,
      predecessorOutputs: outputs.map((o) => ({ step: o.name, output: o.output ?? {} })),
    }),
    workdir: step.workdir,
    mounts: step.mounts,
    labels: {
      'caesium.run-id': ctx.runId,
      'caesium.task-run-id': tr.id,
      'caesium.job': ctx.job.alias,
      'caesium.task': step.name,
    },
    ...nodeSelectorOf(step.nodeSelector),
  };
}

/** The selector without blank entries, as a launch field (none when empty). */
function nodeSelectorOf(selector: StringMap): { nodeSelector?: StringMap } {
  const kept = Object.entries(selector).filter(([k, v]) => k.trim() !== '' && v.trim() !== '');
  return kept.length === 0 ? {} : { nodeSelector: Object.fromEntries(kept) };
}

/** Outputs of direct predecessors, from memory when this process completed them all. */
export async function predecessorOutputs(ctx: RunContext, task: PlannedTask): Promise<{ name: string; output: StringMap | null }[]> {
  const known = task.predecessors.map((id) => ctx.outputs.get(id));
  if (known.every((o) => o !== undefined)) {
    return task.predecessors.map((id, i) => ({ name: ctx.plan.get(id).step.name, output: known[i] ?? null }));
  }
  return ctx.deps.store.taskRuns.outputs(task.predecessors);
}

async function markStarted(ctx: RunContext, tr: TaskRunRecord, runtimeId: string): Promise<void> {
  const events = await ctx.write(() =>
    ctx.deps.store.transaction(async (tx) => {
      const row = await tx.taskRuns.markStarted(tr.id, { runtimeId, startedAt: ctx.now() });
      return tx.events.append([ctx.taskEvent('task_started', row.taskId, taskRunPayload(ctx.identity, row))]);
    }),
  );
  ctx.publish(events);
}

/** A live `task_log` event (never persisted). */
export function logEvent(ctx: RunContext, tr: TaskRunRecord, stream: TaskLogEvent['stream'], text: string): TaskLogEvent {
  return {
    type: 'task_log',
    sequence: 0,
    jobId: ctx.jobId,
    runId: ctx.runId,
    taskId: tr.taskId,
    taskRunId: tr.id,
    name: tr.name,
    attempt: tr.attempt,
    stream,
    text,
    timestamp: ctx.now(),
  };
}
