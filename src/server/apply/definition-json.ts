/**
 * A definition as REST sends it (JSON, durations as integer nanoseconds,
 * job-definition.md §1.7) checked by the same validator as YAML files: the
 * value is converted (nanoseconds → Go duration text), written out as YAML and
 * validated as document `definitions[i]`.
 */
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { Diagnostic } from '../../jobdef/diagnostic.js';
import { formatDuration } from '../../jobdef/duration.js';
import type { LoadedDocument } from '../../jobdef/load.js';
import type { Job } from '../../jobdef/types.js';
import { validateDocument } from '../../jobdef/validate.js';

/** One checked definition of a batch. */
export interface CheckedDefinition {
  /** `definitions[i]`. */
  name: string;
  /** `metadata.alias` when readable. */
  alias: string | undefined;
  /** Error diagnostics (empty when `job` is set). */
  errors: { field: string; message: string }[];
  /** Warnings (unknown keys, …). */
  warnings: { field: string; message: string }[];
  job: Job | undefined;
}

/** Checks the `index`-th definition of a request body. */
export function checkDefinition(value: unknown, index: number): CheckedDefinition {
  const name = `definitions[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { name, alias: undefined, errors: [{ field: name, message: 'a job definition must be a JSON object' }], warnings: [], job: undefined };
  }
  const errors: CheckedDefinition['errors'] = [];
  const converted = durationsAsText(value as Record<string, unknown>, errors);
  const alias = aliasOf(converted);
  if (errors.length > 0) return { name, alias, errors, warnings: [], job: undefined };
  const lineCounter = new LineCounter();
  const doc = parseDocument(stringify(converted), { lineCounter });
  const loaded: LoadedDocument = { file: name, index: 0, line: 1, doc, lineCounter, value: doc.toJS() as unknown };
  const result = validateDocument(loaded);
  const pick = (severity: Diagnostic['severity']): CheckedDefinition['errors'] =>
    result.diagnostics.filter((d) => d.severity === severity).map((d) => ({ field: d.field, message: d.message }));
  const found = pick('error');
  return { name, alias, errors: found, warnings: pick('warning'), job: found.length === 0 ? result.job : undefined };
}

/** A copy of `value` whose `taskTimeout`, `runTimeout` and `retryDelay` numbers are duration text. */
function durationsAsText(value: Record<string, unknown>, errors: CheckedDefinition['errors']): Record<string, unknown> {
  const out = { ...value };
  const convert = (holder: Record<string, unknown>, key: string, field: string): void => {
    const v = holder[key];
    if (typeof v !== 'number') return;
    if (!Number.isSafeInteger(v) || v < 0) {
      errors.push({ field, message: `${field} must be a whole number of nanoseconds ≥ 0 (or a duration string); got ${String(v)}` });
      return;
    }
    holder[key] = formatDuration(v / 1e6);
  };
  if (isRecord(out.metadata)) {
    const metadata = { ...out.metadata };
    convert(metadata, 'taskTimeout', 'metadata.taskTimeout');
    convert(metadata, 'runTimeout', 'metadata.runTimeout');
    out.metadata = metadata;
  }
  if (Array.isArray(out.steps)) {
    out.steps = out.steps.map((step: unknown, i) => {
      if (!isRecord(step)) return step;
      const copy = { ...step };
      convert(copy, 'retryDelay', `steps[${i}].retryDelay`);
      return copy;
    });
  }
  return out;
}

function aliasOf(value: Record<string, unknown>): string | undefined {
  const alias = isRecord(value.metadata) ? value.metadata.alias : undefined;
  return typeof alias === 'string' && alias.trim() !== '' ? alias.trim() : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
