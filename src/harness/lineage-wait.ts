/** Waiting for a run's OpenLineage events to reach the recording transport. */
import type { RunSummary } from '../engine/run-types.js';
import type { LineageRecording } from './lineage-recording.js';

/**
 * The events a run emits: job START and end, START and end per executed task
 * (and per cached task: docs/decisions.md D10 gives a cache hit START and COMPLETE), ABORT per
 * skipped task.
 */
export function expectedLineageEvents(run: RunSummary): number {
  let total = 2;
  for (const t of run.tasks) {
    if (t.status === 'succeeded' || t.status === 'failed' || t.status === 'cached') total += 2;
    else if (t.status === 'skipped') total += 1;
  }
  return total;
}

/** Polls until the expected count is recorded or `timeoutMs` passes. */
export async function waitForLineage(recording: LineageRecording, run: RunSummary, timeoutMs: number): Promise<void> {
  const target = expectedLineageEvents(run);
  const deadline = Date.now() + timeoutMs;
  while (recording.events().length < target && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
