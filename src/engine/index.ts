/** The engine room's public surface: run a job through the ports it is given. */
export { runJob } from './run-job.js';
export type { EngineDeps, FailurePolicy, RunOptions, RunSummary, TaskSummary } from './run-types.js';
export { systemClock, type Clock } from './ports/clock.js';
export type * from './ports/events.js';
export type * from './ports/status.js';
export type * from './ports/run-store.js';
export type * from './ports/runtime.js';
