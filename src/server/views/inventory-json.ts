/**
 * Trigger and atom JSON (the `api/inventory.ts` contract): `configuration`
 * and an atom's `command` are JSON *strings*, as in the original; provenance
 * is the job's.
 */
import type { AtomJson, AtomSpecJson, MountJson, ProvenanceMembersJson, TriggerJson } from '../../api/inventory.js';
import type { AtomEntry, TriggerEntry } from '../../store/ports/inventory.js';
import type { Provenance } from '../../store/ports/catalog.js';
import type { MountSpec, Step } from '../../jobdef/types.js';
import { redacted } from './redact.js';

/** A trigger's JSON; literal secrets in `configuration` read `***` (./redact.ts). */
export function triggerEntryJson(trigger: TriggerEntry): TriggerJson {
  const params = Object.keys(trigger.defaultParams).length > 0 ? { defaultParams: trigger.defaultParams } : {};
  return {
    id: trigger.id,
    alias: trigger.alias,
    type: trigger.type,
    configuration: JSON.stringify(redacted({ ...trigger.configuration, ...params })),
    ...provenanceJson(trigger.provenance),
    created_at: trigger.createdAt,
    updated_at: trigger.createdAt,
  };
}

/** An atom's JSON; `step` (the step of its normalised job version) supplies `spec`. */
export function atomJson(atom: AtomEntry, step: Step | undefined): AtomJson {
  const { task } = atom;
  return {
    id: task.id,
    engine: task.engine,
    image: task.image,
    command: JSON.stringify(task.command ?? []),
    spec: step === undefined ? {} : atomSpec(step),
    replay_safe: false,
    ...provenanceJson(atom.provenance),
    created_at: atom.createdAt,
    updated_at: atom.createdAt,
  };
}

function atomSpec(step: Step): AtomSpecJson {
  const spec: AtomSpecJson = {};
  if (Object.keys(step.env).length > 0) spec.env = step.env;
  if (step.workdir !== '') spec.workdir = step.workdir;
  if (step.mounts.length > 0) spec.mounts = step.mounts.map(mountJson);
  if (step.volumeMounts.length > 0) {
    spec.volume_mounts = step.volumeMounts.map((v) => ({
      volume: v.volume,
      path: v.path,
      read_only: v.readOnly ?? false,
      ...(v.subPath === undefined ? {} : { sub_path: v.subPath }),
    }));
  }
  return spec;
}

function mountJson(m: MountSpec): MountJson {
  return {
    ...(m.type === undefined ? {} : { type: m.type }),
    ...(m.source === undefined ? {} : { source: m.source }),
    target: m.target,
    read_only: m.readOnly ?? false,
  };
}

/** The `provenance_*` members (empty strings when the job has none, as job JSON has them). */
export function provenanceJson(p: Provenance | null): ProvenanceMembersJson {
  return {
    provenance_source_id: p?.sourceId ?? '',
    provenance_repo: p?.repo ?? '',
    provenance_ref: p?.ref ?? '',
    provenance_commit: p?.commit ?? '',
    provenance_path: p?.path ?? '',
  };
}
