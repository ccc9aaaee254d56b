/** Shared helpers of the harness tests. */
import { availableParallelism } from 'node:os';
import { loadScenarios } from '../../src/harness/load.js';
import type { HarnessDeps } from '../../src/harness/run-scenario.js';
import type { ResolvedScenario } from '../../src/harness/scenario.js';
import { createRuntimes, type RuntimeRegistry } from '../../src/runtime/index.js';

export const FX = 'test/fixtures/harness';

/** Replaces every UUID by `<id>` so messages compare exactly. */
export function stableIds(text: string): string {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
}

/** The scenarios of `paths`, failing the test on any diagnostic. */
export function scenariosOf(...paths: string[]): ResolvedScenario[] {
  const set = loadScenarios(paths);
  if (set.diagnostics.length > 0) throw new Error(set.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`).join('\n'));
  return set.scenarios;
}

/** The scenario named `name` under `paths`. */
export function scenarioNamed(name: string, ...paths: string[]): ResolvedScenario {
  const found = scenariosOf(...paths).find((s) => s.scenario.name === name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

/** Harness deps over real runtimes; call `close` after. */
export function realDeps(extra: Partial<HarnessDeps> = {}): HarnessDeps & { close(): Promise<void>; registry: RuntimeRegistry } {
  const registry = createRuntimes(process.env);
  return { runtimes: registry, registry, maxParallel: availableParallelism(), ...extra, close: () => registry.closeAll() };
}
