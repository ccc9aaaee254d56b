import type { ErrorObject } from 'ajv';
import { jobSchemaValidator } from './job-schema.js';
import { fieldOf } from './report.js';
import { describe, q } from './values.js';

/** One schema violation, in plain words, located by its path in the document. */
export interface SchemaIssue {
  path: (string | number)[];
  field: string;
  /** The ajv keyword, so callers can tell a missing key (`required`) from a bad value. */
  keyword: string;
  code: string;
  message: string;
  hint: string | undefined;
}

/** Runs the compiled job schema over a document and translates every error. */
export function schemaIssues(value: unknown): SchemaIssue[] {
  const validate = jobSchemaValidator();
  if (validate(value)) return [];
  const out: SchemaIssue[] = [];
  for (const e of validate.errors ?? []) {
    const issue = translate(e, value);
    if (issue !== undefined) out.push(issue);
  }
  return out;
}

function translate(e: ErrorObject, root: unknown): SchemaIssue | undefined {
  const { path, data } = locate(e.instancePath, root);
  const field = fieldOf(path);
  const p = e.params as Record<string, unknown>;
  const issue = (code: string, message: string, hint?: string, at = path): SchemaIssue => ({
    path: at,
    field: fieldOf(at),
    keyword: e.keyword,
    code,
    message,
    hint,
  });
  switch (e.keyword) {
    case 'if':
      // The failing branch reports its own errors.
      return undefined;
    case 'required': {
      const key = String(p.missingProperty);
      const at = [...path, key];
      return issue('E_REQUIRED', `${fieldOf(at)} is required`, `add ${key} to ${field === '' ? 'the document' : field}`, at);
    }
    case 'type': {
      const expected = String(p.type).split(',');
      const hint = expected.length === 1 ? TYPE_HINT[expected[0] as string] : `write ${typeText(expected)}`;
      return issue('E_TYPE', `${field} must be ${typeText(expected)}, not ${describe(data)}`, hint);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return issue('E_ENUM', `${field} ${q(data)} must be one of [${allowed.join(',')}]`, `use one of: ${allowed.join(', ')}`);
    }
    case 'const':
      return issue('E_ENUM', `${field} must be ${q(p.allowedValue)}`, `set it to ${String(p.allowedValue)}`);
    case 'minItems':
      return issue('E_EMPTY', `${field} must contain at least one entry`, 'add an entry or remove the key');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issue('E_RANGE', `${field} must be ${String(p.comparison)} ${String(p.limit)}`, `use a number ${String(p.comparison)} ${String(p.limit)}`);
    case 'pattern':
      return issue('E_FORMAT', `${field} ${q(data)} is not in the expected format`, 'see `caesium job schema --doc` for the format');
    default:
      return issue('E_SCHEMA', `${field} ${e.message ?? 'is invalid'}`, 'see `caesium job schema --doc`');
  }
}

/** Decodes a JSON pointer into a path (list indexes as numbers) and the value it names. */
function locate(pointer: string, root: unknown): { path: (string | number)[]; data: unknown } {
  const path: (string | number)[] = [];
  let data = root;
  if (pointer === '') return { path, data };
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(data)) {
      const i = Number(seg);
      path.push(i);
      data = data[i];
    } else {
      path.push(seg);
      data = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[seg] : undefined;
    }
  }
  return { path, data };
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function typeText(types: string[]): string {
  if (types.length === 1) return TYPE_WORDS[types[0] as string] ?? (types[0] as string);
  const words = types.map((t) => (t === 'boolean' ? 'a boolean' : (TYPE_WORDS[t] ?? t)));
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] as string}`;
}

const TYPE_HINT: Record<string, string> = {
  object: 'write it as a mapping of `key: value` lines',
  array: 'write it as a list: `- item` lines or [a, b]',
  string: 'write it as text; quote it if it looks like a number or a boolean',
  integer: 'write a whole number without quotes',
  boolean: 'write true or false without quotes',
};
