/**
 * Trigger and atom JSON: `configuration` and an
 * atom's `command` are JSON *strings*, as in the original; provenance is the
 * job's, empty strings when it has none.
 */
import type { Engine, StringMap } from '../jobdef/types.js';

/** The `provenance_*` members of a job, trigger or atom. */
export interface ProvenanceMembersJson {
  provenance_source_id: string;
  provenance_repo: string;
  provenance_ref: string;
  provenance_commit: string;
  provenance_path: string;
}

export interface TriggerJson extends ProvenanceMembersJson {
  id: string;
  alias: string;
  type: string;
  /** The configuration (with `defaultParams` when set) as a JSON string. */
  configuration: string;
  created_at: string;
  updated_at: string;
}

/** A step as an atom: `GET /v1/atoms/:id`, where the id is the task's. */
export interface AtomJson extends ProvenanceMembersJson {
  id: string;
  engine: Engine;
  image: string;
  /** A JSON array, as a string. */
  command: string;
  spec: AtomSpecJson;
  replay_safe: boolean;
  created_at: string;
  updated_at: string;
}

/** What a step runs with beside its image and command; members only when set. */
export interface AtomSpecJson {
  env?: StringMap;
  workdir?: string;
  mounts?: MountJson[];
  volume_mounts?: VolumeMountJson[];
}

export interface MountJson {
  type?: string;
  source?: string;
  target: string;
  read_only: boolean;
}

export interface VolumeMountJson {
  volume: string;
  path: string;
  read_only: boolean;
  sub_path?: string;
}
