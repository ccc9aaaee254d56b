/**
 * The identity hash of a task (docs/decisions.md §3.2): SHA-256 hex of a
 * line-oriented canonical text, each line `\n`-terminated, in this order:
 *
 *   job_alias, task_name, image, image_digest (only when pinned), command
 *   (args joined by \x00), env (sorted by key), workdir, mount (sorted),
 *   volume_mount (sorted), pred_hash (sorted), pred_output (sorted by step,
 *   then key), param (sorted by key), input (input files by path, then
 *   input_unmatched: globs that matched nothing; both only when there are
 *   any, so steps without input files keep their keys), cache_version.
 *
 * Pure and the same in every process: sorting by code point, JSON with sorted
 * keys, no locale. Kubernetes identity fields are not modelled by caesium's
 * steps, so their line never appears.
 */
import { createHash } from 'node:crypto';
import type { MountSpec, StringMap } from '../../jobdef/types.js';
import { canonicalJson, compareCodePoints, compareTuples } from './canonical.js';
import type { VolumeMountIdentity } from './volume-mounts.js';
import type { InputDigests } from '../ports/input-files.js';

/** Everything that identifies one execution of one task. */
export interface CacheIdentityInput {
  jobAlias: string;
  taskName: string;
  image: string;
  /** `sha256:…` when `pinDigests` resolved one. */
  imageDigest?: string | undefined;
  /** undefined: the image's entrypoint. */
  command: readonly string[] | undefined;
  /**
   * The task's environment with `secret://` references unresolved, including
   * `CAESIUM_OUTPUT_*`. `CAESIUM_RUN_ID`, `CAESIUM_JOB_ALIAS` and
   * `CAESIUM_PARAM_*` are left out here (params enter through `param:`).
   */
  env: Readonly<StringMap>;
  workdir: string;
  mounts: readonly MountSpec[];
  volumeMounts: readonly VolumeMountIdentity[];
  /** Hashes of direct predecessors that computed one in this run. */
  predecessorHashes: readonly string[];
  /** Outputs of direct predecessors. */
  predecessorOutputs: readonly { step: string; output: Readonly<StringMap> }[];
  /** The run's full parameters (`logical_date` included). */
  params: Readonly<StringMap>;
  version: number;
  /** Digests of input files (`cache.inputs`, files named in a local command); absent: none. */
  inputs?: Readonly<InputDigests> | undefined;
}

/** Env keys that differ per run and never enter the identity. */
function isRunScopedEnv(key: string): boolean {
  return key === 'CAESIUM_RUN_ID' || key === 'CAESIUM_JOB_ALIAS' || key.startsWith('CAESIUM_PARAM_');
}

/** The canonical lines, without their newlines, in hashing order. */
export function identityLines(input: CacheIdentityInput): string[] {
  const lines = [`job_alias:${input.jobAlias}`, `task_name:${input.taskName}`, `image:${input.image}`];
  if (input.imageDigest !== undefined && input.imageDigest !== '') lines.push(`image_digest:${input.imageDigest}`);
  lines.push(`command:${(input.command ?? []).join('\u0000')}`);
  const env = Object.entries(input.env).filter(([k]) => !isRunScopedEnv(k));
  for (const [k, v] of env.sort((a, b) => compareTuples(a, b))) lines.push(`env:${k}=${v}`);
  lines.push(`workdir:${input.workdir}`);
  const mounts = input.mounts.map((m) => `mount:${m.source ?? ''}:${m.target}:${m.type ?? ''}:${m.readOnly === true}`);
  lines.push(...mounts.sort(compareCodePoints));
  lines.push(...input.volumeMounts.map(volumeMountLine).sort(compareCodePoints));
  lines.push(...[...new Set(input.predecessorHashes)].sort(compareCodePoints).map((h) => `pred_hash:${h}`));
  const outputs = input.predecessorOutputs.flatMap(({ step, output }) => Object.entries(output).map(([k, v]) => [step, k, v] as const));
  for (const [step, k, v] of outputs.sort((a, b) => compareTuples(a, b))) lines.push(`pred_output:${step}:${k}=${v}`);
  for (const [k, v] of Object.entries(input.params).sort((a, b) => compareTuples(a, b))) lines.push(`param:${k}=${v}`);
  const files = [...(input.inputs?.files ?? [])].sort((a, b) => compareCodePoints(a.path, b.path));
  for (const f of files) lines.push(`input:${f.path}=${f.digest}`);
  for (const g of [...new Set(input.inputs?.unmatched ?? [])].sort(compareCodePoints)) lines.push(`input_unmatched:${g}`);
  lines.push(`cache_version:${Math.trunc(input.version)}`);
  return lines;
}

/** SHA-256 hex of the identity text (UTF-8). */
export function identityHash(input: CacheIdentityInput): string {
  return hashLines(identityLines(input));
}

/** SHA-256 hex of canonical lines, each `\n`-terminated. */
export function hashLines(lines: readonly string[]): string {
  return createHash('sha256')
    .update(lines.map((l) => `${l}\n`).join(''), 'utf8')
    .digest('hex');
}

function volumeMountLine(v: VolumeMountIdentity): string {
  const json = (x: unknown): string => canonicalJson(x);
  return `volume_mount:${v.name}:${v.type}:${v.source}:${v.target}:${v.readOnly}:${v.subPath}:${json(v.tmpfs)}:${json(v.claimTemplate)}:${json(v.volumeSource)}`;
}
