/**
 * A recorded launch as `GET …/tasks/:task_id/descriptor` shows it: the env
 * split into the step's own variables, the run's params and the direct
 * predecessors' outputs (by their `CAESIUM_PARAM_`/`CAESIUM_OUTPUT_` names),
 * and the step's literal secrets redacted as every definition view redacts
 * them (../views/redact.ts). Params and outputs are shown as the run JSON
 * already shows them.
 */
import type { TaskDescriptorJson } from '../../api/descriptor.js';
import type { TaskDescriptor } from '../../store/ports/task-descriptors.js';
import { redactedEnv } from '../views/redact.js';

/** The JSON of `descriptor`, a task of job `jobId` (its stable id) and task `taskId`. */
export function descriptorJson(jobId: string, taskId: string, descriptor: TaskDescriptor): TaskDescriptorJson {
  const { launch } = descriptor;
  const own: Record<string, string> = {};
  const params: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(launch.env)) {
    if (name.startsWith('CAESIUM_PARAM_')) params[name] = value;
    else if (name.startsWith('CAESIUM_OUTPUT_')) outputs[name] = value;
    else own[name] = value;
  }
  const { env, redacted } = redactedEnv(own);
  return {
    job_id: jobId,
    run_id: descriptor.runId,
    task_id: taskId,
    task: launch.stepName,
    attempt: descriptor.attempt,
    engine: launch.engine,
    image: launch.image,
    ...(launch.command === undefined ? {} : { command: launch.command }),
    env,
    params,
    outputs,
    redacted_env: redacted,
    workdir: launch.workdir,
    mounts: launch.mounts,
    recorded_at: descriptor.recordedAt,
  };
}
