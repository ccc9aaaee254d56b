/** What one run remembers about the cache: each step's configuration, computed keys and hashes. */
import type { Job, Step } from '../../jobdef/types.js';
import { resolveCacheConfig, type CacheConfig } from './config.js';
import type { CacheDefaults } from './settings.js';
import type { KeyParts } from './key-parts.js';

/** A task run's identity for the cache, computed once per task run (retries reuse it). */
export interface CacheKey {
  hash: string;
  config: CacheConfig;
  imageDigest: string | undefined;
  /** The key's named parts (stored with the entry, so a later miss can say what changed). */
  parts: KeyParts;
}

/** Per-run cache state; every member is keyed by task-run id. */
export class RunCache {
  readonly #configs = new Map<string, CacheConfig>();
  /** Keys of task runs whose cache is enabled (set before the first attempt). */
  readonly keys = new Map<string, CacheKey>();
  /**
   * The hash each task run hands its successors as `pred_hash`: its own key's,
   * or a prior entry's when the value-verified short-circuit matched.
   */
  readonly hashes = new Map<string, string>();
  /** Resolved image digests by `engine image`, with when they were resolved. */
  readonly digests = new Map<string, { digest: string | undefined; at: number }>();

  constructor(
    readonly job: Job,
    readonly defaults: CacheDefaults,
    /** `noCache`, or no cache port: nothing is looked up or stored. */
    readonly off: boolean,
  ) {}

  /** The step's configuration (resolved once); throws `CacheConfigError` for a bad duration. */
  config(taskRunId: string, step: Step): CacheConfig {
    let c = this.#configs.get(taskRunId);
    if (c === undefined) {
      c = resolveCacheConfig(this.defaults, this.job.cache, step.cache, `steps[${step.position}].cache`);
      this.#configs.set(taskRunId, c);
    }
    return c;
  }

  /** Whether the task run uses the cache in this run. */
  enabled(taskRunId: string, step: Step): boolean {
    return !this.off && this.config(taskRunId, step).enabled;
  }
}
