/**
 * The last output lines of each task that failed in a scenario's run, printed
 * under its failures so a failing scenario can be read without re-running it.
 * They come from the tasks' log snapshots (their first 1 MiB).
 */
import { logTail, tailLines } from '../../engine/log-tail.js';
import type { ScenarioResult } from '../result.js';

/** Lines for a failed scenario: per failed task, a heading and its output's tail, each line prefixed by `indent`. */
export function failedOutputLines(result: ScenarioResult, indent: string): string[] {
  const obs = result.observations;
  if (obs === undefined || result.passed) return [];
  const lines: string[] = [];
  for (const task of obs.run.tasks) {
    if (task.status !== 'failed') continue;
    const tail = logTail(obs.logs.get(task.name) ?? '');
    if (tail.lines.length === 0) continue;
    lines.push(`${indent}output of failed task ${task.name} (last ${tail.lines.length} line(s)):`);
    lines.push(...tailLines(tail, `${indent}| `));
  }
  return lines;
}
