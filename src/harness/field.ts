/** How harness messages name a field, as the original does. */
import type { FieldPath } from '../jobdef/position.js';
import { fieldOf } from '../jobdef/report.js';

/**
 * `scenarios[2]: expect.tasks[0].name` for a field inside a scenario (the
 * original prefixes scenario errors with `scenarios[%d]: `), else the plain
 * field (`apiVersion`, `scenarios[1]`).
 */
export function harnessField(path: FieldPath): string {
  if (path[0] === 'scenarios' && typeof path[1] === 'number' && path.length > 2) {
    return `scenarios[${path[1]}]: ${fieldOf(path.slice(2))}`;
  }
  return fieldOf(path);
}

/** The `scenarios[%d]: ` prefix of scenario `i`. */
export function scenarioPrefix(i: number): string {
  return `scenarios[${i}]: `;
}
