/**
 * schemas/harness.v1.json: loading it, compiling it once per process, and
 * turning ajv's findings into located messages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { JOB_SCHEMA_AJV_OPTIONS } from '../jobdef/ajv-options.js';
import { packageRoot, type SchemaNode } from '../jobdef/job-schema.js';
import { choiceHint } from '../jobdef/suggest.js';
import { describe, q } from '../jobdef/values.js';
import { harnessField } from './field.js';

const require = createRequire(import.meta.url);
let schema: SchemaNode | undefined;
let validator: ValidateFunction | undefined;

/** Reads `schemas/harness.v1.json` once per process. */
export function loadHarnessSchema(): SchemaNode {
  schema ??= JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'harness.v1.json'), 'utf8')) as SchemaNode;
  return schema;
}

function harnessValidator(): ValidateFunction {
  if (validator === undefined) {
    const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
    validator = new Ajv({ ...JOB_SCHEMA_AJV_OPTIONS }).compile(loadHarnessSchema());
  }
  return validator;
}

/** One schema finding, located by its path in the document. */
export interface HarnessSchemaIssue {
  path: (string | number)[];
  message: string;
  hint: string | undefined;
}

/**
 * Runs the schema over a (shaped) document. Unknown keys are left to the
 * shape pass and `anyOf` (value or delta) to the rules, which word them.
 */
export function harnessSchemaIssues(value: unknown): HarnessSchemaIssue[] {
  const validate = harnessValidator();
  if (validate(value)) return [];
  const out: HarnessSchemaIssue[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'additionalProperties' || e.schemaPath.includes('/anyOf')) continue;
    out.push(translate(e, value));
  }
  return out;
}

function translate(e: ErrorObject, root: unknown): HarnessSchemaIssue {
  const { path, data } = locate(e.instancePath, root);
  const p = e.params as Record<string, unknown>;
  const field = harnessField(path);
  switch (e.keyword) {
    case 'required': {
      const at = [...path, String(p.missingProperty)];
      return { path: at, message: `${harnessField(at)} is required`, hint: undefined };
    }
    case 'type':
      return { path, message: `${field} must be ${typeWord(String(p.type))}, not ${describe(data)}`, hint: undefined };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return { path, message: `${field} ${q(data)} must be one of [${allowed.join(', ')}]`, hint: choiceHint(String(data), allowed, `use one of: ${allowed.join(', ')}`) };
    }
    case 'minimum':
      return { path, message: `${field} must be >= ${String(p.limit)}`, hint: undefined };
    case 'pattern':
      return { path, message: `${field} ${q(data)} is not a duration`, hint: 'write a duration such as 30s, 5m or 1h30m' };
    default:
      return { path, message: `${field} ${e.message ?? 'is invalid'}`, hint: undefined };
  }
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function typeWord(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/** Decodes a JSON pointer into a path (list indexes as numbers) and the value it names. */
function locate(pointer: string, root: unknown): { path: (string | number)[]; data: unknown } {
  const path: (string | number)[] = [];
  let data = root;
  if (pointer === '') return { path, data };
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(data)) {
      path.push(Number(seg));
      data = (data as unknown[])[Number(seg)];
    } else {
      path.push(seg);
      data = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[seg] : undefined;
    }
  }
  return { path, data };
}
