/**
 * Every harness output is a reporter with optional hooks (docs/architecture.md rule 6): the
 * original's text lines, JUnit XML, JSON. A reporter that throws is turned
 * off and reported; it never fails the session.
 */
import type { HarnessReport, ScenarioResult } from '../result.js';
import type { ResolvedScenario } from '../scenario.js';

/** One consumer of a harness session. */
export interface HarnessReporter {
  /** Names the reporter in error reports. */
  readonly name: string;
  onStart?(scenarios: readonly ResolvedScenario[]): void | Promise<void>;
  onScenarioStart?(scenario: ResolvedScenario): void | Promise<void>;
  onScenarioEnd?(result: ScenarioResult): void | Promise<void>;
  onEnd?(report: HarnessReport): void | Promise<void>;
}

type Hook = 'onStart' | 'onScenarioStart' | 'onScenarioEnd' | 'onEnd';

/** All of `reporters` as one; a failing reporter is dropped after `onError` hears of it. */
export function fanOut(
  reporters: readonly HarnessReporter[],
  onError: (reporter: string, hook: Hook, error: unknown) => void,
): Required<Omit<HarnessReporter, 'name'>> {
  const live = new Set(reporters);
  const call = async <H extends Hook>(hook: H, arg: Parameters<Required<HarnessReporter>[H]>[0]): Promise<void> => {
    for (const r of reporters) {
      if (!live.has(r)) continue;
      try {
        await (r[hook] as ((a: typeof arg) => void | Promise<void>) | undefined)?.call(r, arg);
      } catch (error) {
        live.delete(r);
        try {
          onError(r.name, hook, error);
        } catch {
          // An error handler that fails is ignored.
        }
      }
    }
  };
  return {
    onStart: (scenarios) => call('onStart', scenarios),
    onScenarioStart: (scenario) => call('onScenarioStart', scenario),
    onScenarioEnd: (result) => call('onScenarioEnd', result),
    onEnd: (report) => call('onEnd', report),
  };
}
