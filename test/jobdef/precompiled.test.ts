import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { compileJobSchema } from '../../src/jobdef/job-schema.js';

const require = createRequire(import.meta.url);
const built = new URL('../../dist/src/jobdef/job-schema.validate.cjs', import.meta.url);
const dirs = ['../fixtures/invalid/', '../fixtures/valid/', '../../examples/'].map((d) => new URL(d, import.meta.url));

/** Every document of the fixture corpus and the examples, as plain data. */
function corpus(): { name: string; value: unknown }[] {
  const out: { name: string; value: unknown }[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      for (const doc of parseAllDocuments(readFileSync(new URL(name, dir), 'utf8'))) {
        if (doc.errors.length === 0) out.push({ name, value: doc.toJS() });
      }
    }
  }
  return out;
}

describe('the validator precompiled by npm run build', () => {
  it('exists after a build', () => {
    expect(existsSync(built), 'dist/src/jobdef/job-schema.validate.cjs is missing: run npm run build').toBe(true);
  });

  it('gives the same errors as compiling schemas/job.v1.json at run time', () => {
    const precompiled = (require(built.pathname) as { default: ValidateFunction }).default;
    const runtime = compileJobSchema();
    const docs = corpus();
    expect(docs.length).toBeGreaterThan(40);
    for (const { name, value } of docs) {
      const a = precompiled(value);
      const b = runtime(value);
      expect({ name, valid: a, errors: precompiled.errors ?? null }).toEqual({ name, valid: b, errors: runtime.errors ?? null });
    }
  });
});
