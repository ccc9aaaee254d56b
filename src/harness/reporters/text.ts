/**
 * The original's result lines (docs/decisions.md §13.1):
 * `  PASS  <name>` (with `--verbose` the run and each task),
 * `  FAIL  <name>` and a `         - <failure>` line per failed assertion,
 * or `  FAIL  <name>: <execution error>`. Under a failed scenario's failures,
 * the last output lines of each task that failed in its run.
 */
import type { ScenarioResult } from '../result.js';
import type { HarnessReporter } from './reporter.js';
import { failedOutputLines } from './failed-output.js';

/** Colours for the status words (identity functions when off). */
export interface StatusColors {
  green(text: string): string;
  red(text: string): string;
}

export interface TextReporterOptions {
  write(text: string): void;
  verbose: boolean;
  color?: StatusColors;
}

/** Indent of the detail lines, as the original prints them. */
const DETAIL = ' '.repeat(9);

/** The lines of one result (without colours unless `color` is given). */
export function resultLines(result: ScenarioResult, verbose: boolean, color?: StatusColors): string[] {
  const name = result.scenario.scenario.name;
  const pass = color?.green('PASS') ?? 'PASS';
  const fail = color?.red('FAIL') ?? 'FAIL';
  if (result.error !== undefined) return [`  ${fail}  ${name}: ${result.error}`];
  if (!result.passed) return [`  ${fail}  ${name}`, ...result.failures.map((f) => `${DETAIL}- ${f}`), ...failedOutputLines(result, DETAIL)];
  const lines = [`  ${pass}  ${name}`];
  const run = result.observations?.run;
  if (verbose && run !== undefined) {
    lines.push(`${DETAIL}Run: ${run.jobAlias} (${run.status})`);
    for (const t of run.tasks) lines.push(`${DETAIL}- ${t.name}: ${t.status}`);
  }
  return lines;
}

/** Writes each result's lines as soon as the scenario ends. */
export function createTextReporter(options: TextReporterOptions): HarnessReporter {
  return {
    name: 'text',
    onScenarioEnd(result) {
      for (const line of resultLines(result, options.verbose, options.color)) options.write(`${line}\n`);
    },
  };
}
