import { describe, expect, it } from 'vitest';
import { coerceOutputs, OutputSchemas } from '../../src/engine/schema-check.js';
import { violationsText, violationText } from '../../src/engine/violation-text.js';

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
  it('reports violations with JSON-pointer keys, the rule and the value', () => {
    const validate = new OutputSchemas().validator('s', schema)!;
    expect(validate({ rows: '3', ok: 'true' })).toEqual([]);
    const violations = validate({ rows: '0' });
    expect(violations).toEqual(
      expect.arrayContaining([
        { key: '/ok', message: 'required, but missing' },
        { key: '/rows', message: 'must be >= 1 (minimum), got 0' },
      ]),
    );
    expect(validate({})).toHaveLength(2);
  });
  it('prints a violation as `key: rule, got value` (docs/decisions.md §2.10)', () => {
    const validate = new OutputSchemas().validator('s', schema)!;
    expect(validate({ rows: 'x', ok: 'true' }).map(violationText)).toEqual(['rows: expected integer, got "x"']);
    const strict = { type: 'object', additionalProperties: false, properties: { mode: { enum: ['a', 'b'] } } };
    expect(new OutputSchemas().validator('t', strict)!({ mode: 'c', extra: '1' }).map(violationText)).toEqual([
      'extra: not allowed (additionalProperties is false)',
      'mode: expected one of ["a","b"], got "c"',
    ]);
    const many = [1, 2, 3, 4, 5].map((i) => ({ key: `/k${i}`, message: 'required, but missing' }));
    expect(violationsText(many)).toBe('k1: required, but missing; k2: required, but missing; k3: required, but missing; and 2 more');
    expect(violationText({ key: '', message: 'expected object, got "x"' })).toBe('outputs: expected object, got "x"');
  });
  it('compiles each step once and skips a schema that does not compile', () => {
    const schemas = new OutputSchemas();
    expect(schemas.validator('a', schema)).toBe(schemas.validator('a', schema));
    expect(schemas.validator('bad', { type: 'no-such-type' })).toBeUndefined();
  });
});
