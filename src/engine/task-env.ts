/** The environment injected into a task (docs/decisions.md §2.8), pure. */
import type { StringMap } from '../jobdef/types.js';

/** What a task's environment is built from. */
export interface TaskEnvInput {
  /** A base every task gets first (lowest precedence). */
  base?: StringMap;
  stepEnv: StringMap;
  runId: string;
  jobAlias: string;
  params: StringMap;
  /** Outputs of the task's direct predecessors, in a stable order. */
  predecessorOutputs: readonly { step: string; output: StringMap }[];
}

/** `CAESIUM_PARAM_<KEY>`: the key uppercased only (hyphens and dots kept). */
export function paramEnvName(key: string): string {
  return `CAESIUM_PARAM_${key.toUpperCase()}`;
}

/** `CAESIUM_OUTPUT_<STEP>_<KEY>`: `-` and `.` become `_`, then uppercased. */
export function outputEnvName(step: string, key: string): string {
  return `CAESIUM_OUTPUT_${envPart(step)}_${envPart(key)}`;
}

function envPart(name: string): string {
  return name.replace(/[-.]/g, '_').toUpperCase();
}

/** Merges base → step env → run vars → predecessor outputs (later wins). */
export function buildTaskEnv(input: TaskEnvInput): StringMap {
  const env: StringMap = { ...input.base, ...input.stepEnv };
  env.CAESIUM_RUN_ID = input.runId;
  env.CAESIUM_JOB_ALIAS = input.jobAlias;
  for (const [key, value] of Object.entries(input.params)) env[paramEnvName(key)] = value;
  for (const { step, output } of input.predecessorOutputs) {
    for (const [key, value] of Object.entries(output)) env[outputEnvName(step, key)] = value;
  }
  return env;
}
