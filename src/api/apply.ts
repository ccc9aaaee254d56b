/** `POST /v1/jobdefs/apply` (a batch lands whole or not at all) and `POST /v1/jobdefs/lint`. */
import type { DefinitionJson, ProvenanceJson } from './definition.js';

/** The apply body. The server reads definitions as `unknown` and validates each. */
export interface ApplyRequestJson<Definition = DefinitionJson> {
  definitions: Definition[];
  /** Re-apply over a running run and take over jobs of another provenance source. */
  force?: boolean;
  /** Retire the jobs of `provenance.source_id` missing from the batch. */
  prune?: boolean;
  provenance?: ProvenanceJson;
  /** Accepted and ignored (the original's breaking-change override). */
  allow_breaking?: Record<string, unknown>;
}

const provenanceField = { type: 'string', maxLength: 2048 };

/** The JSON Schema of the apply body (definitions are checked one by one afterwards). */
export const APPLY_REQUEST_SCHEMA: Record<string, unknown> = {
  type: 'object',
  required: ['definitions'],
  properties: {
    definitions: { type: 'array' },
    force: { type: 'boolean' },
    prune: { type: 'boolean' },
    provenance: {
      type: 'object',
      additionalProperties: false,
      properties: {
        source_id: provenanceField,
        repo: provenanceField,
        ref: provenanceField,
        commit: provenanceField,
        path: provenanceField,
      },
    },
    allow_breaking: { type: 'object' },
  },
};

/** One job of an applied batch. */
export interface AppliedJobJson {
  /** The job's stable id. */
  id: string;
  alias: string;
  version: number;
  /** False when the definition equals the current version (nothing was written). */
  changed: boolean;
}

export interface ApplyResponseJson {
  /** How many definitions were applied (sent), as the original counts. */
  applied: number;
  /** Aliases retired by `prune`. */
  pruned?: string[];
  jobs: AppliedJobJson[];
}

/** The lint body: like apply's, without the options. */
export interface LintRequestJson<Definition = DefinitionJson> {
  definitions: Definition[];
}

/** One lint finding, `definition <alias or definitions[i]>: <message>`. */
export interface LintMessageJson {
  message: string;
}

/** Always 200: problems are data. */
export interface LintResponseJson {
  errors: LintMessageJson[];
  warnings: LintMessageJson[];
  summary: { steps: number };
}
