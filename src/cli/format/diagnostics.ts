import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../../jobdef/diagnostic.js';

/** File-level problems that have no position worth showing (the message names the path). */
const POSITIONLESS = new Set(['E_NOT_FOUND', 'E_NOT_YAML']);

/** `file:line:col`, or just the file for problems without a position. */
export function location(d: Diagnostic): string {
  return POSITIONLESS.has(d.code) ? d.file : `${d.file}:${d.line}:${d.col}`;
}

/**
 * One diagnostic as one line, the form every command uses on stderr and
 * `job lint` uses for its text report:
 * `file:line:col  error    message  (hint)`. Colours come from `c` (level 0: none).
 */
function formatDiagnostic(d: Diagnostic, c: ChalkInstance): string {
  const severity = d.severity === 'error' ? c.red(d.severity.padEnd(7)) : c.yellow(d.severity.padEnd(7));
  const hint = d.hint === undefined ? '' : `  ${c.dim(`(${d.hint})`)}`;
  const where = POSITIONLESS.has(d.code) ? '' : `${c.bold(location(d))}  `;
  return `${where}${severity}  ${d.message}${hint}`;
}

/**
 * Orders diagnostics as the files were read (`files`, then any other file in
 * order of appearance), and by line and column inside a file. Stable.
 */
export function orderDiagnostics(diagnostics: readonly Diagnostic[], files: readonly string[] = []): Diagnostic[] {
  const rank = new Map<string, number>();
  for (const f of files) if (!rank.has(f)) rank.set(f, rank.size);
  for (const d of diagnostics) if (!rank.has(d.file)) rank.set(d.file, rank.size);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (rank.get(a.d.file) ?? 0) - (rank.get(b.d.file) ?? 0) || a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * Writes diagnostics grouped by file (a blank line between files), each with
 * `formatDiagnostic`. The caller orders them (see `orderDiagnostics`).
 */
export function writeDiagnostics(stream: NodeJS.WritableStream, diagnostics: readonly Diagnostic[], c: ChalkInstance): void {
  let file: string | undefined;
  for (const d of diagnostics) {
    if (file !== undefined && d.file !== file) stream.write('\n');
    file = d.file;
    stream.write(`${formatDiagnostic(d, c)}\n`);
  }
}

/** Counts errors and warnings. */
export function countSeverities(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

/** `1 error`, `3 warnings`, `2 files`… */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
