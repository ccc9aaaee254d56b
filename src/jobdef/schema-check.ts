/**
 * Checking a document against a JSON Schema with ajv, for any of our schemas
 * (job definitions, harness scenarios): every error located by its path in the
 * document, worded by the schema's owner, and reported where the semantic rules
 * did not already say it in their own words.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { fieldOf, type Reporter } from './report.js';

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

/** Where an ajv error points: the path in the document and the value found there. */
export interface ErrorSite {
  path: (string | number)[];
  data: unknown;
}

/** A schema's words for one error (`path` defaults to the error's site). */
export interface IssueWords {
  code: string;
  message: string;
  hint?: string | undefined;
  path?: (string | number)[];
}

/** Words one ajv error, or returns undefined to leave it out. */
export type SchemaWording = (error: ErrorObject, site: ErrorSite) => IssueWords | undefined;

/** Runs `validate` over `value` and words every error it reports. */
export function schemaIssues(validate: ValidateFunction, value: unknown, word: SchemaWording): SchemaIssue[] {
  if (validate(value)) return [];
  const out: SchemaIssue[] = [];
  for (const e of validate.errors ?? []) {
    const site = locate(e.instancePath, value);
    const words = word(e, site);
    if (words === undefined) continue;
    const path = words.path ?? site.path;
    out.push({ path, field: fieldOf(path), keyword: e.keyword, code: words.code, message: words.message, hint: words.hint });
  }
  return out;
}

/**
 * Reports the issues on fields the rules did not already report as errors
 * (the rules keep the original's message texts), each once. An issue above a
 * field the rules reported is left out too when `coveredBelow` says so.
 */
export function reportSchemaIssues(report: Reporter, issues: readonly SchemaIssue[], coveredBelow: (issue: SchemaIssue) => boolean): void {
  const covered = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.field));
  const reportedBelow = (field: string): boolean => {
    for (const f of covered) if (f.startsWith(`${field}.`) || f.startsWith(`${field}[`)) return true;
    return false;
  };
  const seen = new Set<string>();
  for (const issue of issues) {
    if (covered.has(issue.field) || (coveredBelow(issue) && reportedBelow(issue.field))) continue;
    // ajv may report one node twice (e.g. through two schema branches).
    const key = `${issue.field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report.error(issue.path, issue.code, issue.message, issue.hint === undefined ? {} : { hint: issue.hint });
  }
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

/** A JSON Schema type (or a union of them) as a YAML author reads it: `a mapping`, `a string or a list`. */
export function typeText(types: readonly string[]): string {
  if (types.length === 1) return TYPE_WORDS[types[0] as string] ?? (types[0] as string);
  const words = types.map((t) => (t === 'boolean' ? 'a boolean' : (TYPE_WORDS[t] ?? t)));
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] as string}`;
}

/** Decodes a JSON pointer into a path (list indexes as numbers) and the value it names. */
function locate(pointer: string, root: unknown): ErrorSite {
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
