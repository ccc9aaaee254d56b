import type { Diagnostic } from '../jobdef/diagnostic.js';

/**
 * The `--path` values of a command: repeatable, and like the original each
 * value may hold a comma-separated list. Defaults to the current directory.
 */
export function pathList(paths: readonly string[] | undefined): string[] {
  const list = (paths ?? [])
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return list.length === 0 ? ['.'] : list;
}

/** `--path` problems are usage errors (exit 2); unreadable or malformed YAML fails the check (exit 1). */
const USAGE_CODES = new Set(['E_NOT_FOUND', 'E_NOT_YAML']);

/** The exit code that file-level diagnostics call for: 0 none, 1 a file is broken, 2 a bad `--path`. */
export function fileLevelExit(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => USAGE_CODES.has(d.code))) return 2;
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
