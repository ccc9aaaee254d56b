import type { SourcePosition } from '../errors.js';

export type Severity = 'error' | 'warning';

/**
 * One problem found in a job definition. Validation collects all of them, in
 * document order; it never stops at the first.
 */
export interface Diagnostic extends SourcePosition {
  severity: Severity;
  /** Stable machine-readable code, e.g. `E_REQUIRED`, `W_UNKNOWN_KEY`. */
  code: string;
  /** The original's message text where one exists (`steps[2].image is required`). */
  message: string;
  /** What to do about it. */
  hint?: string;
  /**
   * Field path in the document, e.g. `steps[2].image`; empty for the document
   * itself. A definition without source text (a REST body) has line and column
   * 0: this field is what locates the problem then.
   */
  field: string;
}

/** Sorts diagnostics into document order (file, line, column), stable otherwise. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.file === b.d.file ? a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i : a.d.file < b.d.file ? -1 : 1))
    .map(({ d }) => d);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
