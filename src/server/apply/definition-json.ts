/**
 * A definition as REST sends it (JSON, durations as integer nanoseconds or
 * text), checked by the same validator as YAML files:
 * `validateValue` in its REST form, named `definitions[i]` in diagnostics.
 */
import type { Diagnostic } from '../../jobdef/diagnostic.js';
import type { Job } from '../../jobdef/types.js';
import { validateValue } from '../../jobdef/validate.js';

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
    return {
      name,
      alias: undefined,
      errors: [{ field: name, message: 'a job definition must be a JSON object' }],
      warnings: [],
      job: undefined,
    };
  }
  const result = validateValue({ file: name, value }, { form: 'rest' });
  const pick = (severity: Diagnostic['severity']): CheckedDefinition['errors'] =>
    result.diagnostics.filter((d) => d.severity === severity).map((d) => ({ field: d.field, message: d.message }));
  const errors = pick('error');
  return { name, alias: aliasOf(value), errors, warnings: pick('warning'), job: errors.length === 0 ? result.job : undefined };
}

function aliasOf(value: object): string | undefined {
  const alias = (value as { metadata?: { alias?: unknown } }).metadata?.alias;
  return typeof alias === 'string' && alias.trim() !== '' ? alias.trim() : undefined;
}
