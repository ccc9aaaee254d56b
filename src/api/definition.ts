/** A job definition as the REST API takes it. */
import type { JobSpec } from '../jobdef/types.js';

/** A `JobSpec` with `taskTimeout`, `runTimeout` and `retryDelay` as integer nanoseconds (duration text is taken too). */
export type DefinitionJson = Omit<JobSpec, 'metadata' | 'steps'> & {
  metadata: Omit<JobSpec['metadata'], 'taskTimeout' | 'runTimeout'> & { taskTimeout?: number | string; runTimeout?: number | string };
  steps: (Omit<JobSpec['steps'][number], 'retryDelay'> & { retryDelay?: number | string })[];
};

/** Where a batch of definitions comes from (`prune` retires jobs per `source_id`). */
export interface ProvenanceJson {
  source_id?: string;
  repo?: string;
  ref?: string;
  commit?: string;
  path?: string;
}
