/**
 * The input-file port of the task cache: content digests of the files a step's
 * result depends on. The engine reads no files; a front door that knows where
 * a job's files are (`caesium dev`) gives it this function.
 */

/** What to digest for one step. */
export interface InputDigestRequest {
  /** The job file the globs are relative to; undefined: a job without a file (nothing matches). */
  jobFile: string | undefined;
  /** `cache.inputs` globs, relative to the job file's folder. */
  globs: readonly string[];
  /** Words of an `engine: local` step's command that may name files (hashed only when such a file exists). */
  commandWords: readonly string[];
  /** The step's `workdir` (`''`: the process's folder); command words are relative to it. */
  workdir: string;
}

/** One file's digest, named by its path relative to the job file's folder (absolute when outside it). */
export interface InputDigest {
  path: string;
  /** `sha256:<hex>` of the content. */
  digest: string;
}

/** The digests found, and the globs that matched no file (they enter the key too). */
export interface InputDigests {
  files: InputDigest[];
  unmatched: string[];
}

export type InputDigester = (request: InputDigestRequest) => Promise<InputDigests>;
