/**
 * Loading scenarios with the job loader's functions: the same directory walk
 * (picking `*.scenario.yaml` / `*.scenario.yml` in any case; a file named
 * explicitly may be any YAML file), the same positional parse (blank documents
 * skipped), then the harness's own validation of every document. Any error
 * anywhere is fatal for the whole set (the CLI exits 2 and runs nothing), so
 * callers check `diagnostics` before running.
 */
import { hasErrors, type Diagnostic } from '../jobdef/diagnostic.js';
import { findFiles, type FileRule } from '../jobdef/discover.js';
import { isBlankDocument, parseDocuments, readSourceFile, type LoadedDocument } from '../jobdef/load.js';
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

/** Harness scenarios: the files a directory walk picks up. */
const SCENARIO_FILES: FileRule = {
  matches: (name) => /\.scenario\.ya?ml$/i.test(name),
  flag: '--scenario',
  what: 'harness scenarios',
};

/** Loads and validates the scenarios under `paths` (files or directories). */
export function loadScenarios(paths: readonly string[]): ScenarioSet {
  const diagnostics: Diagnostic[] = [];
  const files = findFiles(paths, diagnostics, SCENARIO_FILES);
  const scenarios: ResolvedScenario[] = [];
  for (const file of files) {
    const text = readSourceFile(file, diagnostics);
    if (text === undefined) continue;
    const parsed = parseScenarioText(file, text);
    diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.documents) {
      const v = validateHarnessDocument(doc);
      diagnostics.push(...v.diagnostics);
      scenarios.push(...v.scenarios);
    }
  }
  return { files, scenarios, diagnostics };
}

/** The non-blank documents of one scenario file, and what went wrong parsing it. */
export interface ParsedFile {
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Parses the text of a scenario file (exported for tests). YAML errors are in
 * yaml's own words, a duplicate key included, as the harness has always
 * reported them.
 */
export function parseScenarioText(file: string, text: string): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const documents = parseDocuments(file, text, diagnostics, { nameDuplicateKeys: false }).filter((doc) => !isBlankDocument(doc.value));
  return { documents, diagnostics };
}

/** True when the set must not run. */
export function isInvalid(set: ScenarioSet): boolean {
  return hasErrors(set.diagnostics);
}
