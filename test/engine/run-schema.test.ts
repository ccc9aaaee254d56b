import { describe, expect, it } from 'vitest';
import { makeJob } from './support/job.js';
import { runScenario } from './support/scenario.js';

const outputSchema = { type: 'object', required: ['rows'], properties: { rows: { type: 'integer', minimum: 1 }, ok: { type: 'boolean' } } };

describe('output schema validation (docs/decisions.md §2.10)', () => {
  it('warn: records violations, succeeds, emits schema_violation_recorded', async () => {
    const s = await runScenario(makeJob([{ name: 'a', outputSchema }], { schemaValidation: 'warn' }), {
      a: { logs: ['##caesium::output {"rows": 0, "ok": "yes"}'] },
    });
    const a = s.task('a');
    expect(a.status).toBe('succeeded');
    expect(a.schemaViolations).toEqual(
      expect.arrayContaining([
        { key: '/rows', message: 'must be >= 1 (minimum), got 0' },
        { key: '/ok', message: 'expected boolean, got "yes"' },
      ]),
    );
    const recorded = s.lifecycle().find((e) => e.type === 'schema_violation_recorded');
    expect(recorded?.payload).toEqual({ id: a.id, name: 'a', violations: 2, schema_violations: a.schemaViolations });
    expect(s.summary.status).toBe('succeeded');
  });

  it('fail: fails the attempt (retryable), naming the key path, the rule and the value', async () => {
    const s = await runScenario(makeJob([{ name: 'a', outputSchema, retries: 1 }], { schemaValidation: 'fail' }), {
      a: [{ logs: ['##caesium::output {"rows": "many"}'] }, { logs: [] }],
    });
    const a = s.task('a');
    expect(a).toMatchObject({
      status: 'failed',
      attempt: 2,
      error: 'task "a" output violates declared schema: rows: required, but missing',
    });
    expect(a.schemaViolations).toEqual([{ key: '/rows', message: 'required, but missing' }]);
    expect(s.lifecycle().filter((e) => e.type === 'task_retrying')[0]?.payload.failure).toMatchObject({ type: 'schema', retryable: true });
    expect(s.lifecycle().some((e) => e.type === 'schema_violation_recorded')).toBe(false);
    expect(s.summary.error).toBe(a.error);
  });

  it('coerces outputs by declared types before validating', async () => {
    const s = await runScenario(makeJob([{ name: 'a', outputSchema }], { schemaValidation: 'fail' }), {
      a: { logs: ['##caesium::output {"rows": "12", "ok": "True"}'] },
    });
    expect(s.task('a')).toMatchObject({ status: 'succeeded', schemaViolations: [], output: { rows: '12', ok: 'True' } });
  });

  it('does not validate when the job has no schemaValidation', async () => {
    const s = await runScenario(makeJob([{ name: 'a', outputSchema }]), { a: {} });
    expect(s.task('a')).toMatchObject({ status: 'succeeded', schemaViolations: [] });
    expect((await s.store.taskRuns.get(s.task('a').id))?.schemaViolations).toBeNull();
  });
});
