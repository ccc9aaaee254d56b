import type { FieldPath } from '../position.js';
import type { Reporter } from '../report.js';
import { choiceHint } from '../suggest.js';
import { ENGINES, STEP_TYPES, TRIGGER_RULES } from '../types.js';
import { isBlank, isObj, q, str, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import { checkCache, checkDuration } from './durations.js';
import { checkStepRuntime } from './step-runtime.js';

/** A reference to a step in `next` or `dependsOn`, trimmed, with where it was written. */
export interface StepRef {
  name: string;
  path: FieldPath;
}

/** What the later passes need to know about one step. */
export interface StepInfo {
  index: number;
  /** The step mapping, or undefined when the entry is not a mapping. */
  step: Obj | undefined;
  /** The name when it is non-blank text and not a duplicate. */
  name: string | undefined;
  engine: string;
  next: StepRef[];
  dependsOn: StepRef[];
}

/** At least one step (docs/decisions.md §1.9 item 7), then per-step checks in list order (item 8). */
export function checkSteps({ root, report }: RuleContext): StepInfo[] {
  const steps = root.steps;
  if (steps === undefined || (Array.isArray(steps) && steps.length === 0)) {
    report.error(['steps'], 'E_NO_STEPS', 'steps must contain at least one entry', { hint: 'add a step with a name and an image' });
  }
  if (!Array.isArray(steps)) return [];
  const seen = new Set<string>();
  return steps.map((step, i): StepInfo => {
    const info: StepInfo = { index: i, step: undefined, name: undefined, engine: 'docker', next: [], dependsOn: [] };
    if (!isObj(step)) return info;
    info.step = step;
    const at = ['steps', i];
    const label = `steps[${i}]`;
    const name = str(step.name);
    if (isBlank(step.name)) {
      report.error([...at, 'name'], 'E_REQUIRED', `${label}.name is required`, { hint: 'give every step a unique name' });
    } else if (name !== undefined && seen.has(name)) {
      report.error([...at, 'name'], 'E_DUPLICATE_STEP', `duplicate step name ${q(name)}`, {
        hint: 'step names must be unique within a job',
      });
    } else if (name !== undefined) {
      seen.add(name);
      info.name = name;
    }

    const engine = step.engine ?? 'docker';
    info.engine = typeof engine === 'string' ? engine : '';
    if (engine !== 'local' && isBlank(step.image)) {
      report.error([...at, 'image'], 'E_REQUIRED', `${label}.image is required`, {
        hint: 'set the container image to run, or `engine: local` to run a host process',
      });
    }
    checkStepRuntime(report, step, at, label, engine);
    if (typeof engine === 'string' && !(ENGINES as readonly string[]).includes(engine)) {
      report.error([...at, 'engine'], 'E_ENUM', `${label}.engine must be one of [docker,kubernetes,podman,local]`, {
        hint: choiceHint(engine, ENGINES, 'leave it out for docker'),
      });
    }
    const type = step.type ?? 'task';
    if (typeof type === 'string' && !(STEP_TYPES as readonly string[]).includes(type)) {
      report.error([...at, 'type'], 'E_ENUM', `${label}.type ${q(type)} must be one of [task,branch]`, {
        hint: choiceHint(type, STEP_TYPES, 'leave it out for task'),
      });
    }

    const who = name ?? '';
    info.next = refs(report, step.next, [...at, 'next'], `step ${who} next`, `${label}.next`);
    info.dependsOn = refs(report, step.dependsOn, [...at, 'dependsOn'], `step ${who} dependsOn`, `${label}.dependsOn`);
    if (type === 'branch' && info.next.length === 0) {
      report.error([...at, 'next'], 'E_BRANCH_NEXT', `${label} is a branch step and must have at least one next entry`, {
        hint: 'list the steps the branch may choose from in next',
      });
    }
    const rule = str(step.triggerRule)?.trim();
    if (rule !== undefined && rule !== '' && !(TRIGGER_RULES as readonly string[]).includes(rule)) {
      report.error([...at, 'triggerRule'], 'E_ENUM', `${label}.triggerRule ${q(rule)} must be one of [${TRIGGER_RULES.join(',')}]`, {
        hint: choiceHint(rule, TRIGGER_RULES, 'leave it out for all_success'),
      });
    }
    checkDuration(report, [...at, 'retryDelay'], step.retryDelay);
    checkCache(report, [...at, 'cache'], step.cache);
    return info;
  });
}

/**
 * Reads `next` or `dependsOn`: one name or a list. Blank list entries and
 * duplicates are errors; non-text entries are left to the schema.
 */
function refs(report: Reporter, v: unknown, at: FieldPath, decodeLabel: string, label: string): StepRef[] {
  if (typeof v === 'string') return v.trim() === '' ? [] : [{ name: v.trim(), path: at }];
  if (!Array.isArray(v)) return [];
  const out: StepRef[] = [];
  const seen = new Set<string>();
  v.forEach((entry, j) => {
    if (typeof entry !== 'string') return;
    const name = entry.trim();
    const path = [...at, j];
    if (name === '') {
      report.error(path, 'E_EMPTY_ENTRY', `${decodeLabel}: entry ${j} cannot be empty`, { hint: 'remove the empty entry' });
    } else if (seen.has(name)) {
      report.error(path, 'E_DUPLICATE_ENTRY', `${label} contains duplicate entry ${q(name)}`, { hint: 'list each step once' });
    } else {
      seen.add(name);
      out.push({ name, path });
    }
  });
  return out;
}
