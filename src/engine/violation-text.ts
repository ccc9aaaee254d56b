/**
 * Output-schema violations in words a job author can act on
 * (docs/decisions.md §2.10): the key path, the rule broken and the value seen,
 * as in `rows: expected integer, got "x"`.
 */
import type { ErrorObject } from 'ajv';
import type { SchemaViolation } from './ports/store-records.js';

/** The violation of one Ajv error (Ajv must run with `verbose: true`, so `data` holds the value). */
export function violationOf(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  const got = `got ${shown(error.data)}`;
  switch (error.keyword) {
    case 'type':
      return { key: error.instancePath, message: `expected ${String(params.type)}, ${got}` };
    case 'required':
      return { key: child(error.instancePath, params.missingProperty), message: 'required, but missing' };
    case 'additionalProperties':
      return { key: child(error.instancePath, params.additionalProperty), message: 'not allowed (additionalProperties is false)' };
    case 'enum':
      return { key: error.instancePath, message: `expected one of ${JSON.stringify(params.allowedValues)}, ${got}` };
    case 'const':
      return { key: error.instancePath, message: `expected ${shown(params.allowedValue)}, ${got}` };
    default:
      return { key: error.instancePath, message: `${error.message ?? 'invalid'} (${error.keyword}), ${got}` };
  }
}

/** One violation as printed: `rows: expected integer, got "x"` (`outputs` for the object itself). */
export function violationText(v: SchemaViolation): string {
  return `${keyPath(v.key)}: ${v.message}`;
}

/** Several violations in one line, at most `max` of them and `… and N more`. */
export function violationsText(violations: readonly SchemaViolation[], max = 3): string {
  const shownOnes = violations.slice(0, max).map(violationText).join('; ');
  return violations.length > max ? `${shownOnes}; and ${violations.length - max} more` : shownOnes;
}

/** A JSON pointer as a dotted key path (`/a/0/b` → `a.0.b`); the root is `outputs`. */
function keyPath(pointer: string): string {
  if (pointer === '') return 'outputs';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function child(pointer: string, name: unknown): string {
  return typeof name === 'string' ? `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` : pointer;
}

/** A value as JSON, cut to 60 characters. */
function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? typeof value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
