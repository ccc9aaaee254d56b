/** How the job schema's findings read: a stable code, the field, and what to write instead. */
import type { ErrorObject } from 'ajv';
import { jobSchemaValidator } from './job-schema.js';
import { fieldOf } from './report.js';
import { schemaIssues, typeText, type ErrorSite, type IssueWords, type SchemaIssue } from './schema-check.js';
import { describe, q } from './values.js';

/** Runs the job schema over a (shaped) document and words every error. */
export function jobSchemaIssues(value: unknown): SchemaIssue[] {
  return schemaIssues(jobSchemaValidator(), value, jobSchemaWords);
}

function jobSchemaWords(e: ErrorObject, { path, data }: ErrorSite): IssueWords | undefined {
  const field = fieldOf(path);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if':
      // The failing branch reports its own errors.
      return undefined;
    case 'required': {
      const key = String(p.missingProperty);
      const at = [...path, key];
      return {
        code: 'E_REQUIRED',
        message: `${fieldOf(at)} is required`,
        hint: `add ${key} to ${field === '' ? 'the document' : field}`,
        path: at,
      };
    }
    case 'type': {
      const expected = String(p.type).split(',');
      const hint = expected.length === 1 ? TYPE_HINT[expected[0] as string] : `write ${typeText(expected)}`;
      return { code: 'E_TYPE', message: `${field} must be ${typeText(expected)}, not ${describe(data)}`, hint };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return {
        code: 'E_ENUM',
        message: `${field} ${q(data)} must be one of [${allowed.join(',')}]`,
        hint: `use one of: ${allowed.join(', ')}`,
      };
    }
    case 'const':
      return { code: 'E_ENUM', message: `${field} must be ${q(p.allowedValue)}`, hint: `set it to ${String(p.allowedValue)}` };
    case 'minItems':
      return { code: 'E_EMPTY', message: `${field} must contain at least one entry`, hint: 'add an entry or remove the key' };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'E_RANGE',
        message: `${field} must be ${String(p.comparison)} ${String(p.limit)}`,
        hint: `use a number ${String(p.comparison)} ${String(p.limit)}`,
      };
    case 'pattern':
      return {
        code: 'E_FORMAT',
        message: `${field} ${q(data)} is not in the expected format`,
        hint: 'see `caesium job schema --doc` for the format',
      };
    default:
      return { code: 'E_SCHEMA', message: `${field} ${e.message ?? 'is invalid'}`, hint: 'see `caesium job schema --doc`' };
  }
}

const TYPE_HINT: Record<string, string> = {
  object: 'write it as a mapping of `key: value` lines',
  array: 'write it as a list: `- item` lines or [a, b]',
  string: 'write it as text; quote it if it looks like a number or a boolean',
  integer: 'write a whole number without quotes',
  boolean: 'write true or false without quotes',
};
