/**
 * Output schema validation (docs/decisions.md §2.10): outputs are strings, coerced
 * by the declared property types, then validated with JSON Schema 2020-12.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { StringMap } from '../jobdef/types.js';
import type { SchemaViolation } from './ports/store-records.js';
import { violationOf } from './violation-text.js';

/** Validates one task's outputs; returns the violations (empty when valid). */
export type OutputValidator = (outputs: StringMap) => SchemaViolation[];

/** One Ajv per run: compiles each step's schema once. */
export class OutputSchemas {
  #ajv: Ajv2020 | undefined;
  readonly #compiled = new Map<string, OutputValidator | undefined>();

  /** The validator of a step's schema, or undefined when the schema does not compile (validation skipped). */
  validator(step: string, schema: Record<string, unknown>): OutputValidator | undefined {
    if (this.#compiled.has(step)) return this.#compiled.get(step);
    const validator = this.#compile(schema);
    this.#compiled.set(step, validator);
    return validator;
  }

  #compile(schema: Record<string, unknown>): OutputValidator | undefined {
    this.#ajv ??= new Ajv2020({ allErrors: true, strict: false, verbose: true });
    let validate: ReturnType<Ajv2020['compile']>;
    try {
      validate = this.#ajv.compile(schema);
    } catch {
      return undefined;
    }
    return (outputs) => {
      if (validate(coerceOutputs(schema, outputs))) return [];
      return (validate.errors ?? []).map(violationOf);
    };
  }
}

/** Coerces each output by `properties.<key>.type`; a value that does not convert stays a string. */
export function coerceOutputs(schema: Record<string, unknown>, outputs: StringMap): Record<string, unknown> {
  const properties = schema.properties;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    const declared = isRecord(properties) && Object.hasOwn(properties, key) ? properties[key] : undefined;
    const type = isRecord(declared) ? declared.type : undefined;
    const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
    Object.defineProperty(out, key, { value: coerce(value, types), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function coerce(value: string, types: readonly string[]): unknown {
  for (const type of types) {
    const converted = convert(value, type);
    if (converted !== undefined) return converted;
  }
  return value;
}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function convert(value: string, type: string): unknown {
  switch (type) {
    case 'integer':
      return INTEGER.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
    case 'number':
      return FLOAT.test(value) && Number.isFinite(Number(value)) ? Number(value) : undefined;
    case 'boolean':
      return TRUE.has(value) ? true : FALSE.has(value) ? false : undefined;
    case 'object':
    case 'array': {
      const parsed = parseJson(value);
      const ok = type === 'array' ? Array.isArray(parsed) : isRecord(parsed);
      return ok ? parsed : undefined;
    }
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
