/**
 * A document that is skipped (not a job definition) but was surely meant as
 * one: `kind: job`, `kind: Jobs`, `apiVersion: V1` without a kind. It stays
 * skipped (docs/decisions.md D3), with a warning at its `kind` or
 * `apiVersion` instead of silence.
 */
import type { Diagnostic } from './diagnostic.js';
import type { LoadedDocument } from './load.js';
import { positionOf } from './position.js';
import { editDistance } from './suggest.js';
import { isObj } from './values.js';

/** The warning for a skipped document that looks like a job definition, or undefined. */
export function nearMissWarning(doc: LoadedDocument): Diagnostic | undefined {
  if (!isObj(doc.value)) return undefined;
  const { kind, apiVersion } = doc.value;
  if (typeof kind === 'string' && kind !== 'Job' && (kind.trim().toLowerCase() === 'job' || editDistance(kind, 'Job') <= 1)) {
    return warning(
      doc,
      'kind',
      `kind ${JSON.stringify(kind)} is not a job kind, so this document was skipped; did you mean "Job"?`,
      'write `kind: Job`',
    );
  }
  if (kind === undefined && typeof apiVersion === 'string' && apiVersion !== 'v1' && apiVersion.trim().toLowerCase() === 'v1') {
    const message = `apiVersion ${JSON.stringify(apiVersion)} without kind, so this document was skipped; did you mean "v1"?`;
    return warning(doc, 'apiVersion', message, 'write `apiVersion: v1` and `kind: Job`');
  }
  return undefined;
}

function warning(doc: LoadedDocument, key: 'kind' | 'apiVersion', message: string, hint: string): Diagnostic {
  const { line, col } = positionOf(doc.doc, doc.lineCounter, [key]);
  return { file: doc.file, line, col, severity: 'warning', code: 'W_NOT_A_JOB', message, hint, field: key };
}
