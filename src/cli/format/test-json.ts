/**
 * The one document `caesium test --json` prints on stdout, validated by
 * schemas/test-result.v1.json: `mode: "definitions"` for the lint-style
 * `caesium test`, `mode: "scenarios"` with `--scenario`. Keys are camelCase
 * like the run results'; fields are only ever added.
 */
import { analyze } from '../../dag/analysis.js';
import { summaryLine } from '../../dag/summary.js';
import type { Diagnostic } from '../../jobdef/diagnostic.js';
import type { DefinitionSet } from '../../jobdef/definitions.js';
import type { HarnessReport } from '../../harness/index.js';
import { jsonReport } from '../../harness/reporters/json.js';
import type { ImageResult } from '../check-images.js';
import { summaryJson, type RunResultJson } from '../reporters/run-json.js';
import { countSeverities } from './diagnostics.js';
import type { LintJson } from './lint-json.js';

type DiagnosticJson = LintJson['diagnostics'][number];

/** `passed`: exit 0; `failed`: exit 1; `error`: exit 2 (usage or configuration); `interrupted`: exit 130. */
export type TestStatus = 'passed' | 'failed' | 'error' | 'interrupted';

/** The document status for an exit code. */
export function testStatus(code: number): TestStatus {
  return code === 0 ? 'passed' : code === 1 ? 'failed' : code === 130 ? 'interrupted' : 'error';
}

export interface DefinitionResultJson {
  alias: string | null;
  file: string;
  line: number;
  status: 'passed' | 'failed';
  /** The DAG summary line (`a -> [b, c] -> d (4 steps, max parallelism: 2)`); null when the definition failed. */
  summary: string | null;
  roots: string[];
  leaves: string[];
  steps: { name: string; engine: string; dependsOn: string[] }[];
  diagnostics: DiagnosticJson[];
}

export interface DefinitionsResultJson {
  version: 1;
  mode: 'definitions';
  status: TestStatus;
  files: string[];
  definitions: DefinitionResultJson[];
  skipped: { file: string; line: number; reason: string }[];
  /** File-level problems: missing paths, non-YAML files, YAML syntax errors. */
  diagnostics: DiagnosticJson[];
  /** With `--check-images`: each image and whether it is present; else null. */
  images: ImageResult[] | null;
  summary: { definitions: number; passed: number; failed: number; errors: number; warnings: number };
}

export interface ScenariosResultJson {
  version: 1;
  mode: 'scenarios';
  status: TestStatus;
  /** Problems of the harness files (an invalid one stops every scenario: status `error`). */
  diagnostics: DiagnosticJson[];
  summary: { total: number; passed: number; failed: number; startedAt: string | null; durationMs: number };
  scenarios: ScenarioResultJson[];
}

interface ScenarioResultJson {
  name: string;
  file: string;
  line: number;
  column: number;
  status: 'passed' | 'failed';
  durationMs: number;
  error: string | null;
  failures: string[];
  /** Every run of the scenario (more than one with `runs:`), the last one last. */
  runs: RunResultJson[];
  metrics: { name: string; labels: Record<string, string>; value: number; delta: number }[];
  lineage: { events: number; eventTypes: Record<string, number>; jobNames: string[] } | null;
}

function diagnosticJson(d: Diagnostic): DiagnosticJson {
  return {
    file: d.file,
    line: d.line,
    col: d.col,
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint ?? null,
    field: d.field,
  };
}

/** The lint-style document: every definition with its DAG, or why it failed. */
export function definitionsJson(set: DefinitionSet, status: TestStatus, images: ImageResult[] | null): DefinitionsResultJson {
  const definitions = set.definitions.map((def): DefinitionResultJson => {
    const base = { alias: def.alias ?? null, file: def.file, line: def.line, diagnostics: def.diagnostics.map(diagnosticJson) };
    if (def.job === undefined) return { ...base, status: 'failed', summary: null, roots: [], leaves: [], steps: [] };
    const g = { nodes: def.job.steps, edges: def.job.edges };
    const a = analyze(g);
    return {
      ...base,
      status: 'passed',
      summary: summaryLine(g),
      roots: a.roots,
      leaves: a.leaves,
      steps: def.job.steps.map((s) => ({ name: s.name, engine: s.engine, dependsOn: a.predecessors.get(s.name) ?? [] })),
    };
  });
  const all = [...set.diagnostics, ...set.definitions.flatMap((d) => d.diagnostics)];
  const passed = definitions.filter((d) => d.status === 'passed').length;
  return {
    version: 1,
    mode: 'definitions',
    status,
    files: [...set.files],
    definitions,
    skipped: set.skipped.map((s) => ({ file: s.file, line: s.line, reason: s.reason })),
    diagnostics: set.diagnostics.map(diagnosticJson),
    images,
    summary: { definitions: definitions.length, passed, failed: definitions.length - passed, ...countSeverities(all) },
  };
}

/** The scenario document; `report` is undefined when no scenario ran (an invalid harness file). */
export function scenariosJson(
  report: HarnessReport | undefined,
  diagnostics: readonly Diagnostic[],
  status: TestStatus,
): ScenariosResultJson {
  if (report === undefined) {
    return {
      version: 1,
      mode: 'scenarios',
      status,
      diagnostics: diagnostics.map(diagnosticJson),
      summary: { total: 0, passed: 0, failed: 0, startedAt: null, durationMs: 0 },
      scenarios: [],
    };
  }
  const harness = jsonReport(report) as { summary: ScenariosResultJson['summary']; scenarios: Record<string, unknown>[] };
  return {
    version: 1,
    mode: 'scenarios',
    status,
    diagnostics: diagnostics.map(diagnosticJson),
    summary: harness.summary,
    scenarios: report.results.map((result, i) => {
      const { run: _run, ...rest } = harness.scenarios[i] as Record<string, unknown>;
      return { ...rest, runs: (result.observations?.runs ?? []).map(summaryJson) } as unknown as ScenarioResultJson;
    }),
  };
}
