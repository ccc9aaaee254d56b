/** The one error a task cache file reports: which file, what is wrong, what to do. */
import { CaesiumError, errorText } from '../../errors.js';

const HINT = 'the file only holds cached task results: delete it, choose another --cache-dir, or run with --no-cache';

/** A task cache file that cannot be created, opened, read or written (exit code 2). */
export class CacheFileError extends CaesiumError {
  readonly path: string;
  constructor(path: string, problem: string, options: { cause?: unknown; hint?: string } = {}) {
    super('E_CACHE_FILE', `task cache ${path}: ${problem}`, { hint: options.hint ?? HINT, exitCode: 2, cause: options.cause });
    this.name = 'CacheFileError';
    this.path = path;
  }
}

/** What an SQLite (or file system) error means for a cache file, in words. */
export function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = errorText(error);
  switch (code) {
    case 'SQLITE_NOTADB':
      return `not an SQLite database (${message})`;
    case 'SQLITE_CORRUPT':
      return `the database is corrupt (${message})`;
    case 'SQLITE_CANTOPEN':
      return `cannot be opened (${message}); is the path a directory, or the folder not writable?`;
    case 'SQLITE_READONLY':
      return `is read-only (${message})`;
    case 'SQLITE_BUSY':
      return `stayed locked by another process (${message})`;
    default:
      return message;
  }
}
