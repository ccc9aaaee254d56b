/**
 * The task cache of `caesium dev`: a SQLite file, by default
 * `.caesium/cache.db` in the folder of the first definition file,
 * `--cache-dir <dir>` to put it elsewhere, `--no-cache` to bypass it (no
 * lookups, no stores). The `CAESIUM_CACHE_*` variables give the defaults
 * every job starts from. A file is opened (created when missing) only for a
 * cycle whose jobs have a cacheable step; a bad file fails that cycle with
 * exit code 2 and says what to do.
 */
import { dirname, join, resolve } from 'node:path';
import { resolveCacheConfig } from '../../engine/cache/config.js';
import { cacheDefaultsFromEnv, type CacheDefaults } from '../../engine/cache/settings.js';
import type { TaskCache } from '../../engine/ports/task-cache.js';
import type { Job } from '../../jobdef/types.js';
import { UsageError } from '../../errors.js';
import { CacheFileError } from '../../store/cache/file-cache-error.js';
import { fileTaskCache, type FileTaskCache } from '../../store/cache/file-cache.js';
import type { Io } from '../io.js';

/** The folder the default cache file lives in, beside the job files. */
const CACHE_DIR_NAME = '.caesium';
const CACHE_FILE_NAME = 'cache.db';

/** The cache settings of a dev session. */
export interface DevCacheOptions {
  /** False with `--no-cache`. */
  enabled: boolean;
  /** `--cache-dir`; undefined: `.caesium` beside the first definition file. */
  dir: string | undefined;
  /** From `CAESIUM_CACHE_*`. */
  defaults: CacheDefaults;
}

/** Checks `--cache-dir`, `--no-cache` (commander's `cache: false`) and the environment; throws `UsageError`. */
export function resolveDevCacheOptions(
  flags: { cacheDir?: string; cache?: boolean },
  env: Record<string, string | undefined>,
): DevCacheOptions {
  const read = cacheDefaultsFromEnv(env);
  if (!read.ok) throw new UsageError(read.message);
  if (flags.cacheDir !== undefined && flags.cacheDir.trim() === '') throw new UsageError('--cache-dir must name a directory');
  return { enabled: flags.cache !== false, dir: flags.cacheDir, defaults: read.defaults };
}

/** The local state folder of `job` (its last run is kept there): `--cache-dir`, else `.caesium` beside the job file. */
export function stateDirOf(options: DevCacheOptions, job: Job, cwd: string): string {
  const file = job.source?.file;
  return resolve(cwd, options.dir ?? join(file === undefined ? '.' : dirname(file), CACHE_DIR_NAME));
}

/** Where the cache file of a cycle running `jobs` is. */
function cacheFilePath(options: DevCacheOptions, jobs: readonly Job[], cwd: string): string {
  const first = jobs.find((j) => j.source !== undefined)?.source?.file;
  const dir = options.dir ?? join(first === undefined ? '.' : dirname(first), CACHE_DIR_NAME);
  return resolve(cwd, dir, CACHE_FILE_NAME);
}

/** The session's open cache files, one per path, closed once at the end. */
export class DevCaches {
  readonly #files = new Map<string, FileTaskCache>();

  constructor(
    readonly options: DevCacheOptions,
    readonly cwd: string,
  ) {}

  /**
   * The cache for a cycle: undefined with `--no-cache` or when no step of
   * `jobs` uses the cache; otherwise the file, opened and checked. Rejects
   * with `CacheFileError`.
   */
  async forCycle(jobs: readonly Job[]): Promise<TaskCache | undefined> {
    if (!this.options.enabled || !jobs.some((job) => usesCache(job, this.options.defaults))) return undefined;
    const path = cacheFilePath(this.options, jobs, this.cwd);
    let file = this.#files.get(path);
    if (file === undefined) {
      file = fileTaskCache(path);
      this.#files.set(path, file);
    }
    await file.open();
    return file;
  }

  close(): void {
    for (const file of this.#files.values()) file.close();
    this.#files.clear();
  }
}

/** Opens the cycle's cache, or prints why it cannot (`error: …` and a hint) and gives exit code 2. */
export async function openCycleCache(
  caches: DevCaches,
  jobs: readonly Job[],
  io: Io,
): Promise<{ cache: TaskCache | undefined } | { code: 2 }> {
  try {
    return { cache: await caches.forCycle(jobs) };
  } catch (error) {
    if (!(error instanceof CacheFileError)) throw error;
    io.err.write(`${io.color.red('error')}: ${error.message}\n`);
    if (error.hint !== undefined) io.err.write(`  ${io.color.dim(`hint: ${error.hint}`)}\n`);
    return { code: 2 };
  }
}

function usesCache(job: Job, defaults: CacheDefaults): boolean {
  return job.steps.some((step) => {
    try {
      return resolveCacheConfig(defaults, job.cache, step.cache).enabled;
    } catch {
      return true; // a bad duration fails the run itself, with the field named
    }
  });
}
