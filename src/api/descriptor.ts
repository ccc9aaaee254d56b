/**
 * `GET /v1/jobs/:id/runs/:run_id/tasks/:task_id/descriptor`: what the server
 * handed its runtime when it created a task's process or container (its latest
 * attempt), so `caesium run reproduce` can run the same task locally
 * (docs/run-control.md).
 */
import type { MountSpec } from '../jobdef/types.js';

/** One task's launch as recorded. */
export interface TaskDescriptorJson {
  job_id: string;
  run_id: string;
  task_id: string;
  /** The step's name. */
  task: string;
  attempt: number;
  engine: 'local' | 'docker' | 'podman' | 'kubernetes';
  /** Empty for a local step. */
  image: string;
  /** Absent: the image's entrypoint. */
  command?: string[];
  /**
   * The task's environment without its params and predecessor outputs: the
   * step's env and the `CAESIUM_*` run variables. A `secret://` reference is
   * kept as written (resolved where the task runs); a literal value of a
   * secret-bearing name reads `***` (`redacted_env` lists them).
   */
  env: Record<string, string>;
  /** `CAESIUM_PARAM_<KEY>` variables, by variable name. */
  params: Record<string, string>;
  /** `CAESIUM_OUTPUT_<STEP>_<KEY>` variables of the direct predecessors' outputs, by variable name. */
  outputs: Record<string, string>;
  /** Env names whose literal values the server does not hand out (set them with `--env NAME=VALUE`). */
  redacted_env: string[];
  /** Empty: the image's (containers) or the current directory (local). */
  workdir: string;
  mounts: MountSpec[];
  /** When the server created the task (ISO 8601). */
  recorded_at: string;
}
