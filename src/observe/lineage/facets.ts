/**
 * Facet builders and the URLs of docs/decisions.md §6. Standard facets keep
 * the original's `_schemaURL`s (consumers may key on them); their content
 * also validates against the later revisions of the same schemas.
 */
import type {
  BaseFacet,
  CaesiumCacheFacet,
  CaesiumDagFacet,
  CaesiumDatasetFacet,
  CaesiumExecutionFacet,
  CaesiumRetryFacet,
  CaesiumSchemaFacet,
  ErrorMessageRunFacet,
  JobTypeJobFacet,
  ParentRunFacet,
  SourceCodeLocationJobFacet,
} from './run-event.js';
import type { RunRetriedPayload, TaskCachedPayload, TaskRunPayload } from '../../engine/ports/events.js';
import type { JobProvenance } from '../job-info.js';

/** `producer` of every event and `_producer` of every facet. */
export const PRODUCER = 'https://github.com/caesium-cloud/caesium';
/** `schemaURL` of every event. */
export const RUN_EVENT_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

/** `_schemaURL`s of the standard facets, as the original sends them. */
const JOB_TYPE_FACET_URL = 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json';
const SOURCE_CODE_FACET_URL = 'https://openlineage.io/spec/facets/1-0-1/SourceCodeLocationJobFacet.json';
const PARENT_FACET_URL = 'https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json';
const ERROR_FACET_URL = 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json';
const CAESIUM_FACET_BASE = 'https://github.com/caesium-cloud/caesium/spec/facets/1-0-0';

/**
 * `errorMessage.programmingLanguage`. The facet names the language of the
 * system that produced the message; caesium's messages (exit codes, timeouts,
 * schema violations) are written by this TypeScript scheduler, not by the
 * task, whose language is unknown. The original says "go" for the same reason.
 */
const ERROR_PROGRAMMING_LANGUAGE = 'typescript';

const base = (schemaURL: string): BaseFacet => ({ _producer: PRODUCER, _schemaURL: schemaURL });
const caesium = (facetName: string): BaseFacet => base(`${CAESIUM_FACET_BASE}/${facetName}.json`);

/** Job facet `jobType`: a BATCH job of integration CAESIUM, the run (`JOB`) or one step (`TASK`). */
export function jobTypeFacet(jobType: 'JOB' | 'TASK'): JobTypeJobFacet {
  return { ...base(JOB_TYPE_FACET_URL), processingType: 'BATCH', integration: 'CAESIUM', jobType };
}

/** Job facet `sourceCodeLocation` of a definition applied from git. */
export function sourceCodeFacet(p: JobProvenance): SourceCodeLocationJobFacet {
  const facet: SourceCodeLocationJobFacet = { ...base(SOURCE_CODE_FACET_URL), type: 'git', url: p.repo, repoUrl: p.repo };
  if (p.ref !== undefined && p.ref !== '') facet.branch = p.ref;
  if (p.path !== undefined && p.path !== '') facet.path = p.path;
  if (p.commit !== undefined && p.commit !== '') facet.version = p.commit;
  return facet;
}

/** Run facet `parent`: links a task run to its job run. */
export function parentFacet(namespace: string, runId: string, jobName: string): ParentRunFacet {
  return { ...base(PARENT_FACET_URL), run: { runId }, job: { namespace, name: jobName } };
}

/** Run facet `errorMessage` of a FAIL. */
export function errorFacet(message: string): ErrorMessageRunFacet {
  return { ...base(ERROR_FACET_URL), message, programmingLanguage: ERROR_PROGRAMMING_LANGUAGE };
}

/** Run facet `caesium_dag` of a job START. */
export function dagFacet(totalTasks: number, trigger: { triggerType?: string; triggerAlias?: string }): CaesiumDagFacet {
  return { ...caesium('CaesiumDAGFacet'), totalTasks, ...trigger };
}

/** Run facet `caesium_retry`: which attempt of the run starts, and what its retry kept and re-runs. */
export function retryFacet(p: RunRetriedPayload): CaesiumRetryFacet {
  return {
    ...caesium('CaesiumRetryFacet'),
    attempt: p.attempt,
    ...(p.retry_from === undefined ? {} : { retryFrom: p.retry_from }),
    downstream: p.downstream,
    keptSteps: p.kept,
    rerunSteps: p.rerun,
  };
}

/** Run facet `caesium_execution`: where and how a task ran (the payload's engine honours `--engine`); empty optional fields left out. */
export function executionFacet(
  p: Pick<TaskRunPayload, 'engine' | 'image' | 'command' | 'runtime_id' | 'claimed_by'>,
): CaesiumExecutionFacet {
  const facet: CaesiumExecutionFacet = { ...caesium('CaesiumExecutionFacet'), engine: p.engine, image: p.image };
  if (p.command !== undefined && p.command.length > 0) facet.command = p.command;
  if (p.runtime_id !== undefined && p.runtime_id !== '') facet.runtimeId = p.runtime_id;
  if (p.claimed_by !== undefined && p.claimed_by !== '') facet.claimedBy = p.claimed_by;
  return facet;
}

/** Run facet `caesium_cache` of a cached task's START and COMPLETE (docs/decisions.md D10): the entry's hash and origin. */
export function cacheFacet(
  p: Pick<TaskCachedPayload, 'cache_hash' | 'cache_origin_run_id' | 'cache_origin_task_run_id'>,
): CaesiumCacheFacet {
  const facet: CaesiumCacheFacet = { ...caesium('CaesiumCacheFacet'), cacheHit: true };
  if (p.cache_hash !== undefined && p.cache_hash !== '') facet.hash = p.cache_hash;
  if (p.cache_origin_run_id !== undefined && p.cache_origin_run_id !== '') facet.originRunId = p.cache_origin_run_id;
  if (p.cache_origin_task_run_id !== undefined && p.cache_origin_task_run_id !== '') facet.originTaskRunId = p.cache_origin_task_run_id;
  return facet;
}

/** Dataset facet `caesium_dataset`: the step, the direction and the output keys. */
export function datasetFacet(direction: 'input' | 'output', stepName: string, outputKeys?: string[]): CaesiumDatasetFacet {
  const facet: CaesiumDatasetFacet = { ...caesium('CaesiumDatasetFacet'), stepName, direction };
  if (outputKeys !== undefined && outputKeys.length > 0) facet.outputKeys = outputKeys;
  return facet;
}

/** Dataset facet `caesium_schema`: the declared JSON Schema. */
export function schemaFacet(schema: Record<string, unknown>): CaesiumSchemaFacet {
  return { ...caesium('CaesiumSchemaFacet'), schema };
}
