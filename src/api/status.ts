/**
 * Status strings on the wire. The server builds its
 * JSON from the engine's statuses, so a status the engine adds and the
 * contract lacks fails to compile there.
 */

/**
 * A run's status. `queued`: admitted, waiting for a slot of the server's run
 * pool (its row is `running` with every task pending, which a restart resumes).
 */
export type RunStatusJson = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A task run's status. */
export type TaskRunStatusJson = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cached' | 'cancelled';
