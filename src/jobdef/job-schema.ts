import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { JOB_SCHEMA_AJV_OPTIONS } from './ajv-options.js';

/** A JSON Schema node, loosely typed: the walkers read it defensively. */
export type SchemaNode = Record<string, unknown>;

/**
 * The validator `npm run build` generates from schemas/job.v1.json (ajv standalone).
 * @public scripts/build-validator.mjs imports it from dist/, where knip does not look.
 */
export const PRECOMPILED_VALIDATOR = 'job-schema.validate.cjs';

const require = createRequire(import.meta.url);
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

/** Reads one of the package's schemas (`schemas/<name>`). */
export function readPackageSchema(name: string): SchemaNode {
  return JSON.parse(readFileSync(join(packageRoot(), 'schemas', name), 'utf8')) as SchemaNode;
}

/** Reads `schemas/job.v1.json` once per process. */
export function loadJobSchema(): Record<string, unknown> {
  schema ??= readPackageSchema('job.v1.json');
  return schema;
}

/**
 * The job schema's validator, made once per process and only when first needed:
 * the one `npm run build` precompiled beside this module when present (a few ms
 * to load), else compiled with ajv (~40 ms, and ajv itself is only loaded then).
 */
export function jobSchemaValidator(): ValidateFunction {
  if (validator === undefined) {
    const precompiled = join(dirname(fileURLToPath(import.meta.url)), PRECOMPILED_VALIDATOR);
    validator = existsSync(precompiled) ? (require(precompiled) as { default: ValidateFunction }).default : compileJobSchema();
  }
  return validator;
}

/** Compiles the job schema with ajv (also used by the build to generate standalone code). */
export function compileJobSchema(options: Record<string, unknown> = {}): ValidateFunction {
  return compileSchema(loadJobSchema(), options);
}

/** Compiles one of our schemas with ajv (loaded on first use) and the options they all share. */
export function compileSchema(schemaNode: SchemaNode, options: Record<string, unknown> = {}): ValidateFunction {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  return new Ajv({ ...JOB_SCHEMA_AJV_OPTIONS, ...options }).compile(schemaNode);
}
