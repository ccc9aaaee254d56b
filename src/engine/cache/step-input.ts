/** The identity input of one step of a job, from what the run knows about it (pure). */
import type { Engine, Job, Step, StringMap } from '../../jobdef/types.js';
import { buildTaskEnv } from '../task-env.js';
import type { CacheIdentityInput } from './identity.js';
import { volumeMountIdentities } from './volume-mounts.js';
import type { InputDigests } from '../ports/input-files.js';

/** What a run knows when a step is about to run. */
export interface StepRunFacts {
  /** The engine the step runs on (`--engine` applied). */
  engine: Engine;
  params: StringMap;
  /** Direct predecessors' outputs, by step name. */
  predecessorOutputs: readonly { step: string; output: StringMap }[];
  /** Hashes of direct predecessors that computed one in this run. */
  predecessorHashes: readonly string[];
  /** A base environment below the step's own (`RunOptions.env`). */
  baseEnv?: StringMap;
  imageDigest?: string | undefined;
  version: number;
  /** Digests of the step's input files, when it has any. */
  inputs?: InputDigests | undefined;
}

/** The identity input of `step` of `job`. */
export function stepIdentityInput(job: Job, step: Step, facts: StepRunFacts): CacheIdentityInput {
  return {
    jobAlias: job.alias,
    taskName: step.name,
    image: step.image,
    imageDigest: facts.imageDigest,
    command: step.command,
    // The env as the task gets it (outputs included); identityLines drops the run-scoped variables.
    env: buildTaskEnv({
      base: facts.baseEnv,
      stepEnv: step.env,
      runId: '',
      jobAlias: '',
      params: {},
      predecessorOutputs: facts.predecessorOutputs,
    }),
    workdir: step.workdir,
    mounts: step.mounts,
    volumeMounts: volumeMountIdentities(job.volumes, step.volumeMounts, facts.engine),
    predecessorHashes: facts.predecessorHashes,
    predecessorOutputs: facts.predecessorOutputs,
    params: facts.params,
    version: facts.version,
    inputs: facts.inputs,
  };
}
