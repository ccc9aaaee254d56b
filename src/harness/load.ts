/**
 * Loading scenarios: discovery, parsing and validation of every document of
 * every file. Any error anywhere is fatal for the whole set (the CLI exits 2
 * and runs nothing), so callers check `diagnostics` before running.
 */
import { hasErrors, type Diagnostic } from '../jobdef/diagnostic.js';
import { findScenarioFiles } from './discover.js';
import { parseScenarioFile } from './parse.js';
import type { ResolvedScenario } from './scenario.js';
import { validateHarnessDocument } from './validate.js';

/** Every scenario found, and every problem found on the way. */
export interface ScenarioSet {
  /** Scenario files read, in walk order. */
  files: string[];
  /** In file order, then document order, then list order. */
  scenarios: ResolvedScenario[];
  /** Errors (fatal) and warnings, per file in document order. */
  diagnostics: Diagnostic[];
}

/** Loads and validates the scenarios under `paths` (files or directories). */
export function loadScenarios(paths: readonly string[]): ScenarioSet {
  const diagnostics: Diagnostic[] = [];
  const files = findScenarioFiles(paths, diagnostics);
  const scenarios: ResolvedScenario[] = [];
  for (const file of files) {
    const parsed = parseScenarioFile(file);
    diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.documents) {
      const v = validateHarnessDocument(doc);
      diagnostics.push(...v.diagnostics);
      scenarios.push(...v.scenarios);
    }
  }
  return { files, scenarios, diagnostics };
}

/** True when the set must not run. */
export function isInvalid(set: ScenarioSet): boolean {
  return hasErrors(set.diagnostics);
}
