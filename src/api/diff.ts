/** `POST /v1/jobdefs/diff`: what applying a batch would change (nothing is written). */
import type { FieldChange } from '../jobdef/diff.js';
import type { DefinitionJson } from './definition.js';

export interface DiffRequestJson<Definition = DefinitionJson> {
  definitions: Definition[];
  /** With `source_id`, `removed` lists only jobs applied from that source (what `apply --prune` retires). */
  provenance?: { source_id?: string };
}

/** The JSON Schema of the diff body. */
export const DIFF_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  required: ['definitions'],
  properties: {
    definitions: { type: 'array' },
    provenance: { type: 'object', properties: { source_id: { type: 'string', maxLength: 2048 } } },
  },
};

/** A job as the diff lists it: its spec's main parts, steps with their names. */
export interface JobSummaryJson {
  alias: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  trigger: { type: string; configuration: Record<string, unknown> };
  callbacks: { type: string; configuration: Record<string, unknown> }[];
  steps: { name: string; engine: string; image: string; command: string[] | null; outputSchema: Record<string, unknown> | null }[];
}

/** One field that differs: the shape `jobdef/diff.ts` computes. */
export type FieldChangeJson = FieldChange;

/** A job apply would write a new version of. */
export interface ModifiedJobJson {
  alias: string;
  /** One `~|+|- path: …` line per changed field. */
  diff: string;
  changes: FieldChangeJson[];
}

export interface DiffResponseJson {
  added: JobSummaryJson[];
  removed: JobSummaryJson[];
  modified: ModifiedJobJson[];
}
