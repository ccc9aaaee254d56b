/** The harness room's public surface: load scenarios, run them, report. */
export { loadScenarios, isInvalid, type ScenarioSet } from './load.js';
export { runHarness } from './session.js';
export { runScenario, type HarnessDeps, type RuntimeSource } from './run-scenario.js';
export { fanOut, type HarnessReporter } from './reporters/reporter.js';
export { createTextReporter } from './reporters/text.js';
export { createJunitReporter } from './reporters/junit.js';
export { createJsonReporter } from './reporters/json.js';
export { SCENARIO_ENGINES, type ResolvedScenario, type Scenario, type ScenarioEngine } from './scenario.js';
export type { HarnessReport, ScenarioResult, Observations, MetricObservation } from './result.js';
