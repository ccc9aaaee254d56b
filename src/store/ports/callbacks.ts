/**
 * A job's callbacks (webhook notifications after a run ends) and the record
 * of each delivery per run, which the server's callback dispatcher keeps.
 */

/** One callback of a job version, in definition order. */
export interface CallbackRecord {
  id: string;
  jobId: string;
  type: string;
  configuration: Record<string, unknown>;
  position: number;
}

export type CallbackRunStatus = 'pending' | 'running' | 'succeeded' | 'failed';

/** One delivery of a callback for a run. */
export interface CallbackRunRecord {
  id: string;
  callbackId: string;
  runId: string;
  status: CallbackRunStatus;
  error: string | null;
  startedAt: string;
  completedAt: string | null;
}

export interface CallbackQueries {
  list(jobId: string): Promise<CallbackRecord[]>;
  startRun(start: { id?: string; callbackId: string; runId: string; startedAt: string }): Promise<CallbackRunRecord>;
  finishRun(
    id: string,
    end: { status: Exclude<CallbackRunStatus, 'pending' | 'running'>; error: string | null; completedAt: string },
  ): Promise<CallbackRunRecord>;
  listRuns(runId: string): Promise<CallbackRunRecord[]>;
}
