/**
 * schemas/harness.v1.json: read and compiled once per process, and its
 * findings in the harness's words (the field named as the original names it).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema, readPackageSchema, type SchemaNode } from '../jobdef/job-schema.js';
import { schemaIssues, typeText, type ErrorSite, type IssueWords, type SchemaIssue } from '../jobdef/schema-check.js';
import { choiceHint } from '../jobdef/suggest.js';
import { describe, q } from '../jobdef/values.js';
import { harnessField } from './field.js';

let schema: SchemaNode | undefined;
let validator: ValidateFunction | undefined;

/** Reads `schemas/harness.v1.json` once per process. */
export function loadHarnessSchema(): SchemaNode {
  schema ??= readPackageSchema('harness.v1.json');
  return schema;
}

/**
 * Runs the schema over a (shaped) document. Unknown keys are left to the
 * shape pass and `anyOf` (value or delta) to the rules, which word them.
 */
export function harnessSchemaIssues(value: unknown): SchemaIssue[] {
  validator ??= compileSchema(loadHarnessSchema());
  return schemaIssues(validator, value, harnessWords);
}

function harnessWords(e: ErrorObject, { path, data }: ErrorSite): IssueWords | undefined {
  if (e.keyword === 'additionalProperties' || e.schemaPath.includes('/anyOf')) return undefined;
  const p = e.params as Record<string, unknown>;
  const field = harnessField(path);
  const words = (message: string, hint?: string): IssueWords => ({ code: 'E_SCHEMA', message, hint });
  switch (e.keyword) {
    case 'required': {
      const at = [...path, String(p.missingProperty)];
      return { ...words(`${harnessField(at)} is required`), path: at };
    }
    case 'type':
      return words(`${field} must be ${typeText([String(p.type)])}, not ${describe(data)}`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return words(
        `${field} ${q(data)} must be one of [${allowed.join(', ')}]`,
        choiceHint(String(data), allowed, `use one of: ${allowed.join(', ')}`),
      );
    }
    case 'minimum':
      return words(`${field} must be >= ${String(p.limit)}`);
    case 'pattern':
      return words(`${field} ${q(data)} is not a duration`, 'write a duration such as 30s, 5m or 1h30m');
    default:
      return words(`${field} ${e.message ?? 'is invalid'}`);
  }
}
