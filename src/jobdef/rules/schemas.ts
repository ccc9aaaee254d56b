import { outputSchemaProblem } from '../output-schema.js';
import type { Reporter } from '../report.js';
import { suggest } from '../suggest.js';
import type { Edge } from '../types.js';
import { isObj, q, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import type { StepInfo } from './steps.js';

/** outputSchema compiles; inputSchema names direct predecessors and agrees with their outputSchema (docs/decisions.md §1.9 item 12). */
export function checkSchemas({ report }: RuleContext, infos: readonly StepInfo[], edges: readonly Edge[]): void {
  const byName = new Map<string, StepInfo>();
  for (const info of infos) if (info.name !== undefined) byName.set(info.name, info);
  const preds = new Map<string, Set<string>>();
  for (const e of edges) {
    let set = preds.get(e.to);
    if (set === undefined) preds.set(e.to, (set = new Set()));
    set.add(e.from);
  }

  for (const info of infos) {
    const step = info.step;
    if (step === undefined) continue;
    if (isObj(step.outputSchema)) {
      const problem = outputSchemaProblem(step.outputSchema);
      if (problem !== undefined) {
        report.error(
          ['steps', info.index, 'outputSchema', ...problem.path],
          'E_OUTPUT_SCHEMA',
          `step ${q(info.name ?? '')}: invalid outputSchema: ${problem.message}`,
          {
            hint: 'outputSchema must be a JSON Schema (draft 2020-12)',
          },
        );
      }
    }
    if (!isObj(step.inputSchema) || info.name === undefined) continue;
    for (const [producer, fragment] of Object.entries(step.inputSchema)) {
      const at = ['steps', info.index, 'inputSchema', producer];
      const label = `steps[${info.index}].inputSchema`;
      const source = byName.get(producer);
      if (source === undefined) {
        const near = suggest(producer, [...byName.keys()]);
        report.error(at, 'E_INPUT_SCHEMA', `${label}: references unknown step ${q(producer)}`, {
          key: true,
          hint: near !== undefined ? `did you mean ${q(near)}?` : 'key inputSchema by the names of direct predecessors',
        });
      } else if (preds.get(info.name)?.has(producer) !== true) {
        report.error(at, 'E_INPUT_SCHEMA', `${label}: step ${q(producer)} is not a predecessor of ${q(info.name)}`, {
          key: true,
          hint: `add ${producer} to the dependsOn of ${info.name}; only direct predecessors' outputs are passed on`,
        });
      } else if (isObj(source.step?.outputSchema) && isObj(fragment)) {
        checkContract(report, info.index, producer, source.step.outputSchema, fragment);
      }
    }
  }
}

/** The consumer's `required` keys must be declared by the producer, with the same `type` where both say. */
function checkContract(report: Reporter, index: number, producer: string, output: Obj, fragment: Obj): void {
  const at = ['steps', index, 'inputSchema', producer];
  const label = `steps[${index}].inputSchema[${q(producer)}]`;
  const required = fragment.required;
  if (required === undefined) return;
  if (!Array.isArray(required)) {
    report.error([...at, 'required'], 'E_INPUT_SCHEMA', `${label}: "required" must be an array`, { hint: 'list the required output keys' });
    return;
  }
  const declared = isObj(output.properties) ? output.properties : undefined;
  const consumerProps = isObj(fragment.properties) ? fragment.properties : undefined;
  required.forEach((key, j) => {
    const path = [...at, 'required', j];
    if (typeof key !== 'string') {
      report.error(path, 'E_INPUT_SCHEMA', `${label}: "required" entries must be strings`, { hint: 'name output keys as text' });
      return;
    }
    if (declared === undefined) {
      report.error(path, 'E_INPUT_SCHEMA', `${label}: requires key ${q(key)} but step ${q(producer)} declares no outputSchema properties`, {
        hint: `declare ${key} under the outputSchema properties of ${producer}`,
      });
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(declared, key)) {
      const near = suggest(key, Object.keys(declared));
      report.error(path, 'E_INPUT_SCHEMA', `${label}: requires key ${q(key)} which is not declared in step ${q(producer)} outputSchema`, {
        hint: near !== undefined ? `did you mean ${q(near)}?` : `${producer} declares: ${Object.keys(declared).join(', ')}`,
      });
      return;
    }
    const produced = declared[key];
    const consumed = consumerProps?.[key];
    if (!isObj(produced) || !isObj(consumed)) return;
    const pt = produced.type;
    const ct = consumed.type;
    if (typeof pt === 'string' && typeof ct === 'string' && pt !== '' && ct !== '' && pt !== ct) {
      report.error(
        [...at, 'properties', key, 'type'],
        'E_INPUT_SCHEMA',
        `${label}: key ${q(key)} type mismatch: producer declares ${q(pt)}, consumer expects ${q(ct)}`,
        {
          hint: `make the types agree, or drop the type of ${key} here`,
        },
      );
    }
  });
}
