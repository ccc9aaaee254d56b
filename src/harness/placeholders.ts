/**
 * Placeholders in metric label values: `$job_id`, `$job_alias` and
 * `$task_id:<step name>`; any other value starting with `$` is an error.
 */

/** What placeholders resolve against; filled in as the scenario proceeds. */
export interface PlaceholderState {
  jobAlias: string | undefined;
  jobId: string | undefined;
  /** Step name → task id. */
  taskIds: ReadonlyMap<string, string>;
}

const TASK_PREFIX = '$task_id:';

/** `unsupported placeholder "<v>"` for a `$…` value that is no placeholder, else undefined. */
export function placeholderProblem(raw: string): string | undefined {
  if (!raw.startsWith('$') || raw === '$job_id' || raw === '$job_alias' || raw.startsWith(TASK_PREFIX)) return undefined;
  return `unsupported placeholder ${JSON.stringify(raw)}`;
}

/** A label value that cannot be resolved (yet). */
class UnresolvedLabel extends Error {
  constructor(
    readonly label: string,
    reason: string,
  ) {
    super(`${label}: ${reason}`);
    this.name = 'UnresolvedLabel';
  }
}

/** One value: the literal, the placeholder's value, or undefined when not known yet. Throws on a bad placeholder. */
function resolveValue(raw: string, state: PlaceholderState): { value: string } | { missing: string } {
  if (raw === '$job_id') return state.jobId === undefined ? { missing: 'job ID is not available' } : { value: state.jobId };
  if (raw === '$job_alias') return state.jobAlias === undefined ? { missing: 'job alias is not available' } : { value: state.jobAlias };
  if (raw.startsWith(TASK_PREFIX)) {
    const step = raw.slice(TASK_PREFIX.length).trim();
    const id = state.taskIds.get(step);
    return id === undefined ? { missing: `task ${JSON.stringify(step)} ID is not available` } : { value: id };
  }
  const problem = placeholderProblem(raw);
  if (problem !== undefined) throw new Error(problem);
  return { value: raw };
}

/**
 * Resolves every label value. With `allowPending`, a placeholder that cannot be
 * resolved yet makes the result `undefined` (a baseline of 0); without it,
 * throws `UnresolvedLabel`.
 */
export function resolveLabels(
  labels: Readonly<Record<string, string>>,
  state: PlaceholderState,
  allowPending: boolean,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let pending = false;
  for (const [key, raw] of Object.entries(labels)) {
    const r = resolveValue(raw, state);
    if ('value' in r) out[key] = r.value;
    else if (allowPending) pending = true;
    else throw new UnresolvedLabel(key, r.missing);
  }
  return pending ? undefined : out;
}
