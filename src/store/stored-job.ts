/**
 * A job version's normalised `Job` as the `jobs.normalized` column holds it:
 * written once when the version is applied, read back by every run and REST
 * view of it. `spec` lives in the `definition` column and `source` (where a
 * file was read) is not kept.
 */
import type { Job, JobSpec } from '../jobdef/types.js';

/** The column text of `job`. */
export function normalizedJson(job: Job): string {
  const { spec: _spec, source: _source, ...rest } = job;
  return JSON.stringify(rest);
}

/** The `Job` of a version from its columns; throws when the version was never normalised (a damaged row). */
export function storedJob(version: { id: string; alias: string }, normalized: string | null, definition: unknown): Job {
  if (normalized === null) {
    throw new Error(
      `job version ${version.id} (${version.alias}) has no normalised definition: it did not normalise when the store was upgraded`,
    );
  }
  return { ...(JSON.parse(normalized) as Omit<Job, 'spec' | 'source'>), source: undefined, spec: definition as JobSpec };
}
