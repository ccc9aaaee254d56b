/** `POST /v1/jobdefs/diff` (server.md §11.4) as the client sends and reads it. */
import type { FieldChange } from '../jobdef/diff.js';
import type { DefinitionJson } from './types.js';

export interface DiffRequestJson {
  definitions: DefinitionJson[];
  /** With `source_id`, `removed` lists only jobs applied from that source (what `apply --prune` retires). */
  provenance?: { source_id: string };
}

/** A job as the diff lists it. */
export interface JobSummaryJson {
  alias: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  trigger: { type: string; configuration: Record<string, unknown> };
  callbacks: { type: string; configuration: Record<string, unknown> }[];
  steps: { name: string; engine: string; image: string; command: string[] | null; outputSchema: Record<string, unknown> | null }[];
}

/** One field that differs: the server sends the shape `jobdef/diff.ts` computes. */
export type FieldChangeJson = FieldChange;

export interface DiffResponseJson {
  added: JobSummaryJson[];
  removed: JobSummaryJson[];
  /** `diff`: one `~|+|- path: …` line per changed field. */
  modified: { alias: string; diff: string; changes?: FieldChangeJson[] }[];
}
