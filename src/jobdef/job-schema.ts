import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** A JSON Schema node, loosely typed: the walkers read it defensively. */
export type SchemaNode = Record<string, unknown>;

let schema: SchemaNode | undefined;
let validator: ValidateFunction | undefined;

/** The directory holding caesium's package.json (works from `src/` and from `dist/src/`). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('caesium: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Reads `schemas/job.v1.json` once per process. */
export function loadJobSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'job.v1.json'), 'utf8')) as SchemaNode;
  return schema;
}

/**
 * The job schema compiled with ajv, once per process and only when first needed.
 * The schema's own validity is checked by a unit test, not at every start.
 */
export function jobSchemaValidator(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new Ajv2020({
      allErrors: true,
      allowUnionTypes: true,
      validateSchema: false,
      code: { optimize: false },
    });
    validator = ajv.compile(loadJobSchema());
  }
  return validator;
}
