import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { errorText } from '../errors.js';

/** Why a step's outputSchema is not a usable JSON Schema, and where inside it. */
export interface SchemaProblem {
  /** Path inside the schema of the offending keyword (empty for the schema itself). */
  path: (string | number)[];
  message: string;
}

let ajv: Ajv2020 | undefined;
const results = new Map<string, SchemaProblem | undefined>();

/**
 * Checks that `schema` is a JSON Schema (draft 2020-12) that compiles: it must
 * satisfy the meta-schema, and its references and regular expressions must
 * work. Unknown keywords and formats are allowed, as in the original. Results
 * are memoised per schema text.
 */
export function outputSchemaProblem(schema: Record<string, unknown>): SchemaProblem | undefined {
  const key = JSON.stringify(schema);
  if (results.has(key)) return results.get(key);
  const problem = check(schema, key);
  results.set(key, problem);
  return problem;
}

/** Keywords whose mistakes only compiling finds (compiling costs ~1.5 ms, the meta-schema check µs). */
const NEEDS_COMPILE = /"\$ref"|"\$dynamicRef"|"pattern(Properties)?"/;

function check(schema: Record<string, unknown>, text: string): SchemaProblem | undefined {
  ajv ??= new Ajv2020({ strict: false, validateFormats: false, logger: false });
  if (!ajv.validateSchema(schema)) {
    return fromMetaErrors(ajv.errors ?? [], schema);
  }
  if (!NEEDS_COMPILE.test(text)) return undefined;
  // A private copy, so an `$id` does not clash with an earlier schema's.
  const copy = structuredClone(schema);
  try {
    ajv.compile(copy);
    return undefined;
  } catch (err) {
    return { path: [], message: firstLine(errorText(err)) };
  } finally {
    ajv.removeSchema(copy);
  }
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/** The most specific meta-schema error, in plain words. */
function fromMetaErrors(errors: ErrorObject[], schema: unknown): SchemaProblem {
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== '$dynamicRef');
  const e = (concrete[0] ?? errors[0]) as ErrorObject;
  const path: (string | number)[] = [];
  let node = schema;
  for (const raw of e.instancePath === '' ? [] : e.instancePath.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const i = Array.isArray(node) ? Number(seg) : seg;
    path.push(i);
    node = (node as Record<string | number, unknown> | undefined)?.[i];
  }
  const where = path.length === 0 ? '' : `${path.join('.')} `;
  const p = e.params as Record<string, unknown>;
  const detail =
    e.keyword === 'enum' ? `must be one of [${(p.allowedValues as unknown[]).map(String).join(',')}]` : (e.message ?? 'is invalid');
  return { path, message: `${where}${detail}` };
}
