/** The launch of a task as the server recorded it (`caesium run reproduce`, docs/run-control.md). */
import type { Engine, MountSpec, StringMap } from '../../jobdef/types.js';

/** What the runtime was handed, `secret://` references unresolved. */
export interface RecordedLaunch {
  stepName: string;
  engine: Engine;
  image: string;
  command: string[] | undefined;
  /** The whole task environment (step env, `CAESIUM_*` variables, params, predecessor outputs). */
  env: StringMap;
  workdir: string;
  mounts: MountSpec[];
}

/** One task run's latest recorded launch. */
export interface TaskDescriptor {
  taskRunId: string;
  runId: string;
  attempt: number;
  launch: RecordedLaunch;
  /** ISO 8601. */
  recordedAt: string;
}

export interface TaskDescriptorQueries {
  /** Records (or replaces, for a later attempt) a task run's launch. */
  record(descriptor: TaskDescriptor): Promise<void>;
  get(taskRunId: string): Promise<TaskDescriptor | undefined>;
}
