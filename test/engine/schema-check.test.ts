import { describe, expect, it } from 'vitest';
import { coerceOutputs, OutputSchemas } from '../../src/engine/schema-check.js';

const schema = {
  type: 'object',
  required: ['rows', 'ok'],
  properties: {
    rows: { type: 'integer', minimum: 1 },
    ratio: { type: 'number' },
    ok: { type: 'boolean' },
    meta: { type: 'object' },
    list: { type: 'array' },
    maybe: { type: ['integer', 'null'] },
    name: { type: 'string' },
  },
};

describe('coerceOutputs', () => {
  it('converts by the declared property type', () => {
    expect(
      coerceOutputs(schema, { rows: '42', ratio: '0.5', ok: 'T', meta: '{"a":1}', list: '[1]', maybe: '7', name: '12', extra: '3' }),
    ).toEqual({
      rows: 42,
      ratio: 0.5,
      ok: true,
      meta: { a: 1 },
      list: [1],
      maybe: 7,
      name: '12',
      extra: '3',
    });
  });
  it('keeps the string when conversion fails', () => {
    expect(coerceOutputs(schema, { rows: '4.2', ratio: 'abc', ok: 'yes', meta: '[1]', list: '{', maybe: 'x' })).toEqual({
      rows: '4.2',
      ratio: 'abc',
      ok: 'yes',
      meta: '[1]',
      list: '{',
      maybe: 'x',
    });
  });
  it('accepts Go ParseBool spellings', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(coerceOutputs(schema, { ok: t }).ok).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(coerceOutputs(schema, { ok: f }).ok).toBe(false);
  });
});

describe('OutputSchemas', () => {
  it('reports violations with JSON-pointer keys', () => {
    const validate = new OutputSchemas().validator('s', schema)!;
    expect(validate({ rows: '3', ok: 'true' })).toEqual([]);
    const violations = validate({ rows: '0' });
    expect(violations).toEqual(
      expect.arrayContaining([
        { key: '', message: "must have required property 'ok'" },
        { key: '/rows', message: 'must be >= 1' },
      ]),
    );
    expect(validate({})).toHaveLength(2);
  });
  it('compiles each step once and skips a schema that does not compile', () => {
    const schemas = new OutputSchemas();
    expect(schemas.validator('a', schema)).toBe(schemas.validator('a', schema));
    expect(schemas.validator('bad', { type: 'no-such-type' })).toBeUndefined();
  });
});
