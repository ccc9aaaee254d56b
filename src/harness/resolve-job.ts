/**
 * Finding the job a scenario runs: its `path` (relative to the scenario
 * file's directory) loaded with the one loader; `alias` picks among several.
 * Problems are execution errors of the scenario (`  FAIL  <name>: …`).
 */
import { dirname, isAbsolute, join } from 'node:path';
import { loadDefinitions } from '../jobdef/definitions.js';
import type { Job } from '../jobdef/types.js';
import type { ResolvedScenario } from './scenario.js';

/** A scenario that cannot run; its message is printed after the scenario's name. */
export class ScenarioExecutionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScenarioExecutionError';
  }
}

/** Where the scenario's job path points, as the user would write it. */
function jobPathOf(resolved: ResolvedScenario): string {
  const path = resolved.scenario.path;
  return isAbsolute(path) ? path : join(dirname(resolved.file), path);
}

/** Loads, validates and selects the scenario's job; throws `ScenarioExecutionError`. */
export function resolveJob(resolved: ResolvedScenario): Job {
  const { name, alias } = resolved.scenario;
  const path = jobPathOf(resolved);
  const set = loadDefinitions([path]);
  const problem = set.diagnostics.find((d) => d.severity === 'error');
  if (problem !== undefined) {
    const where = problem.code === 'E_NOT_FOUND' || problem.code === 'E_NOT_YAML' ? '' : `${problem.file}:${problem.line}:${problem.col}: `;
    throw new ScenarioExecutionError(`scenario ${name}: ${where}${problem.message}`);
  }
  for (const def of set.definitions) {
    const error = def.diagnostics.find((d) => d.severity === 'error');
    if (error !== undefined) {
      throw new ScenarioExecutionError(
        `scenario ${name}: invalid job definition ${def.alias ?? ''} at ${error.file}:${error.line}:${error.col}: ${error.message}`.replace(
          'definition  at',
          'definition at',
        ),
      );
    }
  }
  const jobs = set.definitions.flatMap((d) => (d.job === undefined ? [] : [d.job]));
  if (jobs.length === 0) throw new ScenarioExecutionError(`scenario ${name}: no job definitions found at ${path}`);
  if (alias === undefined || alias.trim() === '') {
    if (jobs.length !== 1)
      throw new ScenarioExecutionError(`scenario ${name}: path ${path} contains ${jobs.length} job definitions; set scenario.alias`);
    return jobs[0] as Job;
  }
  const job = jobs.find((j) => j.alias === alias);
  if (job === undefined) throw new ScenarioExecutionError(`scenario ${name}: alias ${JSON.stringify(alias)} not found in ${path}`);
  return job;
}
