/** What running a scenario produced, for assertions and reporters. */
import type { RunSummary } from '../engine/run-types.js';
import type { RecordedLineageEvent } from './lineage-recording.js';
import type { ResolvedScenario } from './scenario.js';

/** The measured value of one asserted metric series. */
export interface MetricObservation {
  name: string;
  /** Labels with placeholders resolved. */
  labels: Record<string, string>;
  value: number;
  /** `value` minus the reading just before the last run. */
  delta: number;
}

/** Everything observed while a scenario ran. */
export interface Observations {
  /** The last run. */
  run: RunSummary;
  /** Every run, in order (`runs: N`). */
  runs: RunSummary[];
  /** Step name → persisted log snapshot of the last run ('' when none). */
  logs: Map<string, string>;
  /** In the order of `expect.metrics`. */
  metrics: MetricObservation[];
  /** Events of the last run, when lineage is asserted. */
  lineage: RecordedLineageEvent[];
  lineageError: string | undefined;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  scenario: ResolvedScenario;
  passed: boolean;
  /** Set when the scenario could not run or be measured (`  FAIL  <name>: <error>`). */
  error?: string;
  /** Failed assertions, in evaluation order. */
  failures: string[];
  /** Present when the scenario ran. */
  observations?: Observations;
  durationMs: number;
}

/** The outcome of a whole session. */
export interface HarnessReport {
  results: ScenarioResult[];
  passed: number;
  failed: number;
  startedAt: string;
  durationMs: number;
}
