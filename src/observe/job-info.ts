/**
 * What observers know about a job beyond its events: the definition behind a
 * job id (step schemas, provenance), looked up through an injected function
 * and cached, as the original caches its job lookups.
 */
import type { Job } from '../jobdef/types.js';

/** Where an applied definition came from in git (for the `sourceCodeLocation` facet). */
export interface JobProvenance {
  repo: string;
  ref?: string;
  commit?: string;
  path?: string;
}

/** A job definition as observers use it. */
export type ObservedJob = Job & { provenance?: JobProvenance };

/** Finds the applied definition of a job id (sync or async); undefined when unknown. */
export type JobLookup = (jobId: string) => ObservedJob | undefined | Promise<ObservedJob | undefined>;

/** The original's cache lifetime for job lookups. */
const JOB_LOOKUP_TTL_MS = 5 * 60_000;

/**
 * Wraps `lookup` with a cache of found jobs (`ttlMs`); a lookup that throws
 * or finds nothing is not cached and yields undefined, never an error.
 */
export function cachedJobLookup(
  lookup: JobLookup | undefined,
  ttlMs = JOB_LOOKUP_TTL_MS,
  now: () => number = Date.now,
): (jobId: string) => Promise<ObservedJob | undefined> {
  const cache = new Map<string, { job: ObservedJob; until: number }>();
  return async (jobId) => {
    if (lookup === undefined) return undefined;
    const hit = cache.get(jobId);
    if (hit !== undefined && hit.until > now()) return hit.job;
    cache.delete(jobId);
    try {
      const job = await lookup(jobId);
      if (job !== undefined) cache.set(jobId, { job, until: now() + ttlMs });
      return job;
    } catch {
      return undefined;
    }
  };
}
