/**
 * Random DAGs against a reference model: whatever the interleaving, the
 * engine's statuses are those of evaluating trigger rules in topological
 * order, the parallelism limit holds, and nothing is left behind.
 */
import { describe, expect, it } from 'vitest';
import type { TaskRunStatus } from '../../src/engine/ports/status.js';
import { evaluateTriggerRule } from '../../src/engine/trigger-rules.js';
import { TRIGGER_RULES } from '../../src/jobdef/types.js';
import { makeJob, type StepInput } from './support/job.js';
import type { Script } from './support/fake-runtime.js';
import { runScenario, statuses } from './support/scenario.js';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDag(seed: number, size: number): { steps: StepInput[]; scripts: Record<string, Script>; fails: Set<string> } {
  const rnd = random(seed);
  const steps: StepInput[] = [];
  const scripts: Record<string, Script> = {};
  const fails = new Set<string>();
  for (let i = 0; i < size; i++) {
    const name = `n${i}`;
    const deps = new Set<string>();
    const count = i === 0 ? 0 : Math.floor(rnd() * 4);
    for (let k = 0; k < count; k++) deps.add(`n${Math.floor(rnd() * i)}`);
    const rule = rnd() < 0.6 ? 'all_success' : TRIGGER_RULES[Math.floor(rnd() * TRIGGER_RULES.length)]!;
    steps.push({ name, dependsOn: [...deps], triggerRule: rule });
    const fail = rnd() < 0.12;
    if (fail) fails.add(name);
    scripts[name] = rnd() < 0.5 ? { instant: true, exitCode: fail ? 1 : 0 } : { delayMs: Math.floor(rnd() * 3), exitCode: fail ? 1 : 0 };
  }
  return { steps, scripts, fails };
}

/** Statuses by evaluating rules in definition (topological) order. */
function model(steps: StepInput[], fails: Set<string>): Record<string, TaskRunStatus> {
  const out: Record<string, TaskRunStatus> = {};
  for (const s of steps) {
    const decision = evaluateTriggerRule(
      s.triggerRule ?? 'all_success',
      (s.dependsOn ?? []).map((d) => out[d]!),
    );
    out[s.name] = !decision.run ? 'skipped' : fails.has(s.name) ? 'failed' : 'succeeded';
  }
  return out;
}

describe('random DAGs match the trigger-rule model', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}`, async () => {
      const { steps, scripts, fails } = randomDag(seed, 120);
      const maxParallel = 1 + (seed % 4);
      const s = await runScenario(makeJob(steps), scripts, { maxParallel });
      expect(statuses(s.summary)).toEqual(model(steps, fails));
      expect(s.runtime.peak).toBeLessThanOrEqual(maxParallel);
      expect(s.summary.tasks.filter((t) => t.error === 'never became ready')).toEqual([]);
      expect(s.summary.status).toBe(Object.values(model(steps, fails)).includes('failed') ? 'failed' : 'succeeded');
    });
  }

  it('saturates the limit with many instant tasks finishing in the same tick', async () => {
    const steps: StepInput[] = Array.from({ length: 200 }, (_, i) => ({ name: `t${i}`, dependsOn: i < 20 ? [] : [`t${i - 20}`] }));
    const scripts = Object.fromEntries(steps.map((st) => [st.name, { instant: true }]));
    const s = await runScenario(makeJob(steps), scripts, { maxParallel: 7 });
    expect(s.summary.status).toBe('succeeded');
    expect(s.runtime.peak).toBe(7);
  });
});
