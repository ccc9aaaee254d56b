import { findCycle } from '../../dag/cycle.js';
import { deriveEdges } from '../edges.js';
import { suggest } from '../suggest.js';
import type { Edge } from '../types.js';
import { q } from '../values.js';
import type { RuleContext } from './context.js';
import type { StepInfo, StepRef } from './steps.js';

/**
 * References in next/dependsOn (docs/decisions.md §1.9 item 9) and cycles (item 11, reported
 * once as a path at its first step). Returns the edges between known steps.
 */
export function checkEdges({ report }: RuleContext, infos: readonly StepInfo[]): Edge[] {
  const named = infos.filter((s): s is StepInfo & { name: string } => s.name !== undefined);
  const names = named.map((s) => s.name);
  const known = new Set(names);
  const check = (info: StepInfo, refs: StepRef[], key: 'next' | 'dependsOn'): void => {
    for (const ref of refs) {
      if (!known.has(ref.name)) {
        const near = suggest(ref.name, names);
        report.error(ref.path, 'E_UNKNOWN_STEP', `steps[${info.index}].${key} references unknown step ${q(ref.name)}`, {
          hint: near !== undefined ? `did you mean ${q(near)}?` : `steps of this job: ${names.join(', ')}`,
        });
      } else if (ref.name === info.name) {
        report.error(ref.path, 'E_SELF_REFERENCE', `steps[${info.index}].${key} cannot reference the same step ${q(ref.name)}`, {
          hint: `remove ${ref.name} from its own ${key}`,
        });
      }
    }
  };
  for (const info of infos) {
    check(info, info.next, 'next');
    check(info, info.dependsOn, 'dependsOn');
  }

  const { edges } = deriveEdges(
    named.map((s) => ({ name: s.name, next: s.next.map((r) => r.name), dependsOn: s.dependsOn.map((r) => r.name) })),
  );
  const cycle = findCycle({ nodes: named.map((s) => ({ name: s.name })), edges });
  if (cycle !== undefined) {
    const first = named.find((s) => s.name === cycle[0]) as StepInfo;
    report.error(['steps', first.index], 'E_CYCLE', `cycle detected: ${cycle.join(' → ')}`, {
      hint: 'a job is a DAG: remove one next or dependsOn edge of the cycle',
    });
  }
  return edges;
}
