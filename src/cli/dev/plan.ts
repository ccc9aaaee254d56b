/**
 * `caesium dev --dry-run`: the plan of each job, on stdout, and nothing run.
 * Per step: RUN or CACHE and why (the cache outcome and its reasons, or the
 * step it runs after), then the env the task would get, with every
 * `secret://` reference resolved and shown as `***` (or why it does not
 * resolve) and resolved values masked wherever else they appear. Outputs of
 * predecessors (`CAESIUM_OUTPUT_*`) are known only once they ran, so they are
 * not listed.
 */
import type { PlannedStep } from '../../engine/cache-preview.js';
import { buildTaskEnv } from '../../engine/task-env.js';
import type { Job, StringMap } from '../../jobdef/types.js';
import { secretMasker } from '../../runtime/secrets/mask.js';
import { parseSecretReference } from '../../runtime/secrets/reference.js';
import type { SecretResolver } from '../../runtime/secrets/resolver.js';
import type { Io } from '../io.js';

/** What the plan of one job is printed from. */
export interface JobPlan {
  job: Job;
  steps: PlannedStep[];
  params: StringMap;
  /** `--env-file` values (the base env of every step). */
  baseEnv: StringMap;
}

/** Prints the plan of `plan.job` on `io.out`. */
export async function printPlan(plan: JobPlan, resolver: SecretResolver, io: Io): Promise<void> {
  const { job } = plan;
  const out: string[] = [`Plan of ${job.alias} (dry run: nothing is run)`];
  const width = Math.max(...job.steps.map((s) => s.name.length));
  const byName = new Map(plan.steps.map((p) => [p.step, p]));
  for (const step of job.steps) {
    const p = byName.get(step.name);
    const verdict = p?.outcome === 'hit' ? io.color.cyan('CACHE') : io.color.yellow('RUN  ');
    out.push(`  ${step.name.padEnd(width)}  ${verdict}  ${p === undefined ? '' : reasonText(p)}`);
  }
  for (const step of job.steps) {
    if (byName.get(step.name)?.outcome === 'hit') continue;
    const env = buildTaskEnv({
      base: plan.baseEnv,
      stepEnv: step.env,
      runId: '<run id>',
      jobAlias: job.alias,
      params: plan.params,
      predecessorOutputs: [],
    });
    out.push(`  env of ${step.name}${step.engine === 'local' ? ' (over the host environment)' : ''}:`);
    out.push(...(await envLines(env, resolver)).map((l) => `    ${l}`));
  }
  io.out.write(`${out.join('\n')}\n`);
}

function reasonText(p: PlannedStep): string {
  switch (p.outcome) {
    case 'hit':
      return p.reasons.join('; ');
    case 'miss':
      return `cache miss: ${p.reasons.join('; ')}`;
    case 'after':
    case 'off':
    case 'rerun':
      return p.reasons.join('; ');
  }
}

/** `KEY=value` lines, sorted, secrets as `***`. */
async function envLines(env: StringMap, resolver: SecretResolver): Promise<string[]> {
  const secrets: string[] = [];
  const shown: [string, string][] = [];
  for (const [key, value] of Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ref = parseSecretReference(value);
    if (ref === undefined) {
      shown.push([key, value]);
      continue;
    }
    const result = await resolver.resolve(value);
    if (result.ok) secrets.push(result.value);
    shown.push([key, result.ok ? `*** (${ref.raw})` : `<not resolved: ${result.problem}> (${ref.raw})`]);
  }
  const mask = secretMasker(secrets);
  return shown.map(([k, v]) => `${k}=${mask(v)}`);
}
