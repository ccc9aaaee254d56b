/**
 * `caesium run reproduce --job-id --run-id --task STEP [--engine] [--shell]`:
 * fetches the launch the server recorded for a task (`GET …/tasks/:task_id/descriptor`)
 * and runs it here, so a failed server task can be debugged on a laptop
 * (docs/run-control.md). `secret://` references resolve with the local
 * secret providers, as in `caesium dev`. Exits with the task's exit code;
 * with `--shell`, opens a shell where the task would run and exits with the
 * shell's.
 */
import type { TaskDescriptorJson } from '../../api/index.js';
import { CaesiumError, UsageError } from '../../errors.js';
import { SecretResolver, secretSettingsFromEnv } from '../../runtime/index.js';
import type { StringMap } from '../../jobdef/types.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson } from './connection.js';
import { jobIdOf, type RunFlags } from './run.js';
import { envOverrides, reproducedTask, type ReproducedTask, type ReproduceEngine } from '../reproduce/reproduce-task.js';

export interface ReproduceFlags extends RunFlags {
  task?: string;
  engine?: ReproduceEngine;
  shell?: boolean;
  env?: string[];
}

/** `run reproduce`. */
export async function runReproduce(flags: ReproduceFlags, io: Io): Promise<number> {
  const runId = flags.runId?.trim() ?? '';
  if (runId === '') throw new UsageError('--run-id is required');
  const taskName = flags.task?.trim() ?? '';
  if (taskName === '') throw new UsageError('--task is required', 'name the step (or its task id) to reproduce');
  const overrides = envOverrides(flags.env ?? []);
  const client = clientFor(flags, io);
  let descriptor: TaskDescriptorJson;
  try {
    descriptor = await client.taskDescriptor(await jobIdOf(client, flags), runId, taskName);
  } catch (error) {
    throw remoteError(error, 'run reproduce');
  }
  if (flags.json === true) {
    writeJson(io, descriptor);
    return 0;
  }
  const task = reproducedTask(descriptor, flags.engine, overrides);
  describe(io, descriptor, task, overrides);
  if (flags.shell !== true) {
    const { runReproduced } = await import('../reproduce/reproduce-run.js');
    return runReproduced(task, `reproduce of run ${descriptor.run_id} task ${descriptor.task}`, io);
  }
  const { openShell } = await import('../reproduce/reproduce-shell.js');
  return openShell(task, await resolvedEnv(task, io), io);
}

/** What is reproduced, where, and what differs from the server's launch (stderr). */
function describe(io: Io, d: TaskDescriptorJson, task: ReproducedTask, overrides: StringMap): void {
  const where = task.engine === 'local' ? 'local' : `${task.engine} (${task.image})`;
  line(io.err, `Reproducing task ${d.task} of run ${d.run_id} (attempt ${d.attempt}, ran on ${d.engine}) on ${where}`);
  const counts = `${Object.keys(d.params).length} param(s), ${Object.keys(d.outputs).length} predecessor output(s)`;
  line(io.err, `  command: ${task.command === undefined ? "the image's entrypoint" : JSON.stringify(task.command)}; ${counts}`);
  const secrets = Object.entries(task.env).filter(([, v]) => v.trim().startsWith('secret://'));
  if (secrets.length > 0) line(io.err, `  resolved locally: ${secrets.map(([name, v]) => `${name} (${v.trim()})`).join(', ')}`);
  const missing = d.redacted_env.filter((name) => !(name in overrides));
  if (missing.length > 0) {
    line(
      io.err,
      `  warning: the server does not hand out literal secrets; ${missing.join(', ')} read *** (set them with --env NAME=VALUE)`,
    );
  }
}

/** The task's env with its `secret://` references resolved by the local providers. */
async function resolvedEnv(task: ReproducedTask, io: Io): Promise<StringMap> {
  const resolver = new SecretResolver(secretSettingsFromEnv(io.env));
  try {
    return (await resolver.resolveEnv(task.step, task.env)).env;
  } catch (error) {
    throw new CaesiumError('E_SECRET', error instanceof Error ? error.message : String(error), {
      hint: "secret://env/NAME reads NAME from this shell's environment; the other providers read their usual settings",
      exitCode: 2,
    });
  }
}
