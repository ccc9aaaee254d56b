/**
 * Content digests of a step's input files for its cache key: the files
 * `cache.inputs` globs match under the job file's folder (tinyglobby; dot
 * files included, folders not), and for `engine: local` steps the words of
 * the command that name an existing regular file (relative to the step's
 * workdir). Each file is read and hashed with SHA-256. Bounded: at most
 * `MAX_FILES` files per step (more is an error naming the globs), and a
 * command word's file over `MAX_WORD_FILE_BYTES` is left out (a data file,
 * not a script).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import type { InputDigest, InputDigestRequest, InputDigests } from '../../engine/ports/input-files.js';

const MAX_FILES = 10_000;
const MAX_WORD_FILE_BYTES = 64 * 1024 * 1024;
/** Files read at once. */
const PARALLEL_READS = 16;

/** The input digester of a process whose relative workdirs start at `cwd`. */
export function fileInputDigester(cwd: string): (request: InputDigestRequest) => Promise<InputDigests> {
  return async (request) => {
    const base = request.jobFile === undefined ? undefined : dirname(resolve(cwd, request.jobFile));
    const files = new Map<string, string>(); // absolute path → display path
    const unmatched: string[] = [];
    if (base !== undefined) {
      for (const pattern of request.globs) {
        const found = await glob(pattern, {
          cwd: base,
          absolute: true,
          dot: true,
          onlyFiles: true,
          followSymbolicLinks: true,
          expandDirectories: false,
        });
        if (found.length === 0) unmatched.push(pattern);
        for (const file of found) files.set(resolve(file), display(base, resolve(file)));
        if (files.size > MAX_FILES) {
          throw new Error(`cache.inputs ${request.globs.join(', ')} match more than ${MAX_FILES} files; narrow the patterns`);
        }
      }
    } else {
      unmatched.push(...request.globs);
    }
    const workdir = resolve(cwd, request.workdir);
    for (const word of request.commandWords) {
      const file = resolve(workdir, word);
      if (files.has(file)) continue;
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile() !== true || info.size > MAX_WORD_FILE_BYTES) continue;
      files.set(file, display(base ?? workdir, file));
    }
    const entries = [...files];
    const digests: InputDigest[] = [];
    for (let i = 0; i < entries.length; i += PARALLEL_READS) {
      const batch = entries.slice(i, i + PARALLEL_READS);
      digests.push(...(await Promise.all(batch.map(async ([file, path]) => ({ path, digest: await sha256File(file) })))));
    }
    return { files: digests, unmatched };
  };
}

/** `file` relative to `base` with `/` separators, or absolute when it lies outside `base`. */
function display(base: string, file: string): string {
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolveDigest, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error) => reject(new Error(`cannot read input file ${file}: ${error.message}`)))
      .on('end', () => resolveDigest(`sha256:${hash.digest('hex')}`));
  });
}
