/**
 * The job definition at its three stages:
 *   - `JobSpec`: the YAML as the author wrote it, after schema and semantic validation;
 *   - `Job`: normalised (defaults applied, durations in ms, edges resolved);
 * The engine and the store work only on `Job`.
 */

export const ENGINES = ['docker', 'podman', 'kubernetes', 'local'] as const;
export type Engine = (typeof ENGINES)[number];

export const STEP_TYPES = ['task', 'branch'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const TRIGGER_RULES = ['all_success', 'all_done', 'all_failed', 'one_success', 'always'] as const;
export type TriggerRule = (typeof TRIGGER_RULES)[number];

/** `event` is accepted and stored, but nothing fires it yet (docs/decisions.md §1.3). */
export const TRIGGER_TYPES = ['cron', 'http', 'event'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const SCHEMA_VALIDATION_MODES = ['', 'warn', 'fail'] as const;
export type SchemaValidationMode = (typeof SCHEMA_VALIDATION_MODES)[number];

export type StringMap = Record<string, string>;

/** `cache: true|false` or an object (which implies enabled). */
export type CacheSpec = boolean | CacheOptions;
export interface CacheOptions {
  ttl?: string;
  version?: number;
  pinDigests?: boolean;
  digestTTL?: string | number;
  /** Globs of files the result depends on, relative to the job file's folder (a caesium extension). */
  inputs?: string[];
}

export interface MetadataSpec {
  alias: string;
  labels?: StringMap;
  annotations?: StringMap;
  maxParallelTasks?: number;
  taskTimeout?: string;
  runTimeout?: string;
  schemaValidation?: SchemaValidationMode;
  cache?: CacheSpec;
}

export interface TriggerSpec {
  type: TriggerType;
  configuration?: Record<string, unknown>;
  defaultParams?: StringMap;
}

export interface CallbackSpec {
  type: 'notification';
  configuration: Record<string, unknown>;
}

export interface MountSpec {
  type?: string;
  source?: string;
  target: string;
  readOnly?: boolean;
}

export interface VolumeMountSpec {
  volume: string;
  path: string;
  readOnly?: boolean;
  subPath?: string;
}

/** One kind of volume source; exactly one key is set. */
export interface VolumeSourceSpec {
  bind?: string;
  volume?: string;
  tmpfs?: { sizeBytes?: number; mode?: number };
  pvc?: string;
  claimTemplate?: Record<string, unknown>;
  volumeSource?: Record<string, unknown>;
}

export interface VolumeSpec {
  name: string;
  source?: VolumeSourceSpec;
  sources?: Partial<Record<'docker' | 'podman' | 'kubernetes', VolumeSourceSpec>>;
  accessMode?: 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
}

export interface StepSpec {
  name: string;
  type?: StepType;
  engine?: Engine;
  image?: string;
  command?: string[];
  env?: StringMap;
  workdir?: string;
  mounts?: MountSpec[];
  volumeMounts?: VolumeMountSpec[];
  nodeSelector?: StringMap;
  next?: string | string[];
  dependsOn?: string | string[];
  retries?: number;
  retryDelay?: string;
  retryBackoff?: boolean;
  triggerRule?: TriggerRule;
  outputSchema?: Record<string, unknown>;
  inputSchema?: Record<string, Record<string, unknown>>;
  cache?: CacheSpec;
}

/** A validated `kind: Job` document. */
export interface JobSpec {
  $schema?: string;
  apiVersion: 'v1';
  kind: 'Job';
  metadata: MetadataSpec;
  trigger: TriggerSpec;
  callbacks?: CallbackSpec[];
  volumes?: VolumeSpec[];
  steps: StepSpec[];
}

/** Where a definition came from, for messages and `dev` headers. */
export interface JobSource {
  file: string;
  /** 0-based index of the YAML document inside the file. */
  document: number;
  /** 1-based line where the document starts. */
  line: number;
}

export interface Step {
  name: string;
  /** 0-based position in the definition; the engine's tie-breaker. */
  position: number;
  type: StepType;
  engine: Engine;
  image: string;
  /** undefined: the image's entrypoint (containers) — a local step always has one. */
  command: string[] | undefined;
  env: StringMap;
  workdir: string;
  mounts: MountSpec[];
  volumeMounts: VolumeMountSpec[];
  nodeSelector: StringMap;
  /** Direct successors, sorted by name (explicit `next`, `dependsOn` of others, or implicit chaining). */
  next: string[];
  /** Direct predecessors, sorted by name. */
  dependsOn: string[];
  retries: number;
  retryDelayMs: number;
  retryBackoff: boolean;
  triggerRule: TriggerRule;
  outputSchema: Record<string, unknown> | undefined;
  inputSchema: Record<string, Record<string, unknown>> | undefined;
  cache: CacheSpec | undefined;
}

export interface Edge {
  from: string;
  to: string;
}

/** A normalised job: what the engine, the store and the renderers consume. */
export interface Job {
  alias: string;
  labels: StringMap;
  annotations: StringMap;
  /** 0 = use the environment default / CPU count. */
  maxParallelTasks: number;
  /** 0 = no timeout. */
  taskTimeoutMs: number;
  runTimeoutMs: number;
  schemaValidation: SchemaValidationMode;
  cache: CacheSpec | undefined;
  trigger: { type: TriggerType; configuration: Record<string, unknown>; defaultParams: StringMap };
  callbacks: CallbackSpec[];
  volumes: VolumeSpec[];
  /** In definition order. */
  steps: Step[];
  /** Every edge once, sorted by (from position, to name). */
  edges: Edge[];
  source: JobSource | undefined;
  /** The spec as validated, for hashing, diffs and `apply`. */
  spec: JobSpec;
}
