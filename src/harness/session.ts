/**
 * A harness session: scenarios run one after another (each on its own fresh
 * store and observers), reported as they finish. Stops early when the
 * signal aborts.
 */
import type { HarnessReporter } from './reporters/reporter.js';
import type { HarnessReport, ScenarioResult } from './result.js';
import { runScenario, type HarnessDeps } from './run-scenario.js';
import type { ResolvedScenario } from './scenario.js';

/** Runs `scenarios` in order and returns the report every reporter also received. */
export async function runHarness(
  scenarios: readonly ResolvedScenario[],
  deps: HarnessDeps,
  reporter: Required<Omit<HarnessReporter, 'name'>>,
): Promise<HarnessReport> {
  const started = Date.now();
  const results: ScenarioResult[] = [];
  await reporter.onStart(scenarios);
  for (const scenario of scenarios) {
    if (deps.signal?.aborted === true) break;
    await reporter.onScenarioStart(scenario);
    const result = await runScenario(scenario, deps);
    results.push(result);
    await reporter.onScenarioEnd(result);
  }
  const passed = results.filter((r) => r.passed).length;
  const report: HarnessReport = {
    results,
    passed,
    failed: results.length - passed,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  };
  await reporter.onEnd(report);
  return report;
}
