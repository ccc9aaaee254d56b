/**
 * `expect.lineage.impact`: which datasets lie downstream of a root dataset in
 * the graph the run's recorded OpenLineage events describe (docs/decisions.md
 * §14): a task whose events read dataset A and write dataset B is an edge
 * A → B. Datasets are matched by namespace and name.
 */
import type { RecordedLineageEvent } from './lineage-recording.js';
import type { ImpactExpectation } from './scenario.js';

/** The namespace the harness records lineage in; the default of `impact[].namespace`. */
const HARNESS_LINEAGE_NAMESPACE = 'caesium-harness';

const key = (namespace: string, name: string): string => `${namespace}\u0000${name}`;

/**
 * The names of the datasets reachable downstream of `dataset` within
 * `maxDepth` edges (0: unbounded), sorted; the root itself is not listed.
 */
function downstreamDatasets(events: readonly RecordedLineageEvent[], namespace: string, dataset: string, maxDepth: number): string[] {
  // A task's START and COMPLETE events may each list part of its datasets: union them per OpenLineage job.
  const tasks = new Map<string, { inputs: Set<string>; outputs: Map<string, string> }>();
  for (const e of events) {
    const id = key(e.job.namespace, e.job.name);
    const task = tasks.get(id) ?? { inputs: new Set<string>(), outputs: new Map<string, string>() };
    for (const input of e.inputs) task.inputs.add(key(input.namespace, input.name));
    for (const output of e.outputs) task.outputs.set(key(output.namespace, output.name), output.name);
    tasks.set(id, task);
  }
  const edges = new Map<string, Map<string, string>>();
  for (const task of tasks.values()) {
    for (const from of task.inputs) {
      const to = edges.get(from) ?? new Map<string, string>();
      for (const [k, name] of task.outputs) to.set(k, name);
      edges.set(from, to);
    }
  }
  const root = key(namespace, dataset);
  const seen = new Map<string, string>();
  let frontier = [root];
  for (let depth = 1; frontier.length > 0 && (maxDepth === 0 || depth <= maxDepth); depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const [to, name] of edges.get(node) ?? []) {
        if (to === root || seen.has(to)) continue;
        seen.set(to, name);
        next.push(to);
      }
    }
    frontier = next;
  }
  return [...new Set(seen.values())].sort();
}

/** One failure per expected downstream dataset that the query does not reach. */
export function impactFailures(want: readonly ImpactExpectation[], events: readonly RecordedLineageEvent[]): string[] {
  const out: string[] = [];
  for (const query of want) {
    const namespace = query.namespace ?? HARNESS_LINEAGE_NAMESPACE;
    const got = downstreamDatasets(events, namespace, query.dataset, query.maxDepth);
    const listed = `[${got.map((n) => JSON.stringify(n)).join(', ')}]`;
    for (const name of query.downstream) {
      if (!got.includes(name)) out.push(`lineage impact[${query.dataset}]: expected downstream ${JSON.stringify(name)}, got ${listed}`);
    }
  }
  return out;
}
