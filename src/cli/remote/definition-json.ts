/**
 * A validated `JobSpec` as the REST API takes it (docs/decisions.md §1.7):
 * `taskTimeout`, `runTimeout` and `retryDelay` as integer nanoseconds.
 */
import type { DefinitionJson } from '../../client/index.js';
import { parseDuration } from '../../jobdef/duration.js';
import type { JobSpec } from '../../jobdef/types.js';

/** The JSON of one definition. */
export function definitionJson(spec: JobSpec): DefinitionJson {
  const { taskTimeout, runTimeout, ...metadata } = spec.metadata;
  return {
    ...spec,
    metadata: { ...metadata, ...nanos('taskTimeout', taskTimeout), ...nanos('runTimeout', runTimeout) },
    steps: spec.steps.map(({ retryDelay, ...step }) => ({ ...step, ...nanos('retryDelay', retryDelay) })),
  };
}

function nanos<K extends string>(key: K, text: string | undefined): Partial<Record<K, number>> {
  if (text === undefined) return {};
  const ms = parseDuration(text);
  return ms === undefined ? {} : ({ [key]: Math.round(ms * 1e6) } as Partial<Record<K, number>>);
}
