/**
 * Request bodies and query strings, checked at the boundary: JSON Schema
 * (ajv) for bodies, small parsers for paging and ids. Every failure is a 400
 * whose message names the field.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Context } from 'hono';
import { badRequest } from './http-error.js';
import { errorText } from '../errors.js';

const ajv = new Ajv2020({ allErrors: false, allowUnionTypes: true, strict: true });

/** Compiles a body schema once; the result checks a parsed body or throws a 400. */
export function bodyValidator<T>(schema: Record<string, unknown>): (value: unknown) => T {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return value as T;
    throw badRequest(describe(validate.errors?.[0]));
  };
}

/** Parses the JSON body; an empty body is `undefined` (routes with an optional body accept it). */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  if (nestingDepth(text) > MAX_DEPTH) throw badRequest(`invalid JSON body: nested deeper than ${MAX_DEPTH} levels`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`invalid JSON body: ${errorText(error)}`);
  }
}

/** How deep a request body may nest objects and arrays (a definition needs far fewer). */
const MAX_DEPTH = 64;

/** The deepest nesting of `[`/`{` in JSON text, outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/** `limit` (1…1000, default 100) and `offset` (≥ 0, default 0) from the query string. */
export function paging(c: Context, defaultLimit = 100): { limit: number; offset: number } {
  return {
    limit: whole(c.req.query('limit'), 'limit', defaultLimit, 1, 1000),
    offset: whole(c.req.query('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** `task_limit`/`task_offset` of one run's JSON: a page of its tasks, or undefined (all of them) when neither is given. */
export function taskPaging(c: Context): { limit: number; offset: number } | undefined {
  const limit = c.req.query('task_limit');
  const offset = c.req.query('task_offset');
  if ((limit ?? '') === '' && (offset ?? '') === '') return undefined;
  return {
    limit: whole(limit, 'task_limit', 100, 1, 1000),
    offset: whole(offset, 'task_offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a full UUID (docs/decisions.md §11.1). */
export function uuidParam(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!UUID.test(value)) throw badRequest(`invalid ${name.replace(/_/g, ' ')}: "${value}" is not a UUID`);
  return value.toLowerCase();
}

/** Whether `value` is a full UUID. */
export const isUuid = (value: string): boolean => UUID.test(value);

function whole(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw badRequest(`${name} must be a whole number between ${min} and ${max}; got "${raw}"`);
  return n;
}

/** One ajv error as `field message` (`definitions is required`, `force must be boolean`). */
function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'invalid request body';
  const base = error.instancePath
    .replace(/^\//, '')
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${base === '' ? '' : `${base}.`}${missing} is required`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${base === '' ? '' : `${base}.`}${extra} is not a known field`;
  }
  return `${base === '' ? 'request body' : base} ${error.message ?? 'is invalid'}`;
}
