/**
 * One webhook delivery after the route's rate limit and body limit (docs/decisions.md
 * §8): find the http triggers of current jobs on the path (404 when none),
 * authenticate each independently, claim the replay keys of the accepted
 * ones, and start a run of every accepted, unpaused job with the trigger's
 * `defaultParams` overlaid by the body's `paramMapping` values (docs/decisions.md D8). When no
 * trigger accepts, each distinct reason is counted once in
 * `caesium_webhook_auth_failures_total` and the answer is 401.
 */
import { randomUUID } from 'node:crypto';
import type { HookReceiptJson } from '../../api/hooks.js';
import type { Store } from '../../store/ports/store.js';
import type { CaesiumMetrics } from '../../observe/metrics/create-metrics.js';
import type { JobViews } from '../job-views.js';
import type { RunLauncher } from '../run-launcher.js';
import { hookTriggerOf, type HookTrigger } from './hook-trigger.js';
import { resolveHookSecret } from '../../trigger/hook-secret.js';
import type { HookSettings } from './hook-settings.js';
import { extractParams } from '../../trigger/param-mapping.js';
import { verifySignature, type RejectReason, type SignedRequest, type Verdict } from '../../trigger/verify-signature.js';
import { errorText } from '../../errors.js';

export interface FireHookDeps {
  store: Store;
  views: JobViews;
  launcher: Pick<RunLauncher, 'start'>;
  metrics: CaesiumMetrics;
  settings: Pick<HookSettings, 'env' | 'envSecrets'>;
}

/** A delivery whose body has been read. */
export interface HookRequest extends SignedRequest {
  /** Normalised hook path. */
  path: string;
  /** `X-Caesium-Event-Source` or `X-Webhook-Source`, else the path. */
  source: string;
}

export type HookOutcome = { status: 202; receipt: HookReceiptJson } | { status: 401 | 404; message: string };

/** Handles one delivery. */
export async function fireHook(deps: FireHookDeps, request: HookRequest): Promise<HookOutcome> {
  const triggers = (await deps.store.hooks.httpTriggers()).map(hookTriggerOf).filter((t) => t.path === request.path);
  if (triggers.length === 0) return { status: 404, message: 'no trigger registered for path' };
  const receiptId = randomUUID();
  const accepted: HookTrigger[] = [];
  const reasons = new Set<RejectReason>();
  const claims = new Map<string, Promise<boolean>>();
  for (const trigger of triggers) {
    const verdict = await authenticate(deps, trigger, request, receiptId, claims);
    if (verdict.ok) accepted.push(trigger);
    else reasons.add(verdict.reason);
  }
  if (accepted.length === 0) {
    const failures = deps.metrics.family('caesium_webhook_auth_failures_total');
    for (const reason of reasons) failures.inc({ path: request.path, reason });
    return { status: 401, message: 'invalid signature' };
  }
  const receipt: HookReceiptJson = {
    receipt_id: receiptId,
    path: request.path,
    source: request.source,
    event_matched_triggers: 0,
    event_runs_started: 0,
    http_triggers_accepted: accepted.length,
    http_runs_started: 0,
    run_ids: [],
  };
  const errors: string[] = [];
  for (const trigger of accepted) {
    try {
      const runId = await startRun(deps, trigger, request.body);
      if (runId !== undefined) receipt.run_ids.push(runId);
    } catch (error) {
      errors.push(`${trigger.record.alias}: ${errorText(error)}`);
    }
  }
  receipt.http_runs_started = receipt.run_ids.length;
  if (errors.length > 0) receipt.error = errors.join('; ');
  return { status: 202, receipt };
}

/** The trigger's verdict, with its replay key claimed (once per request) when it has one. */
async function authenticate(
  deps: FireHookDeps,
  trigger: HookTrigger,
  request: HookRequest,
  receiptId: string,
  claims: Map<string, Promise<boolean>>,
): Promise<Verdict> {
  const secret = resolveHookSecret(trigger.secret, deps.settings);
  if (!secret.ok) return { ok: false, reason: 'secret_unavailable' };
  const verdict = verifySignature(trigger, secret.value, request);
  if (!verdict.ok || verdict.replay === undefined) return verdict;
  const { key, expiresAtMs } = verdict.replay;
  let claim = claims.get(key);
  if (claim === undefined) {
    const receivedAt = new Date(request.nowMs).toISOString();
    const delivery = { key, path: request.path, receiptId, receivedAt, expiresAt: new Date(expiresAtMs).toISOString() };
    claim = deps.store.hooks.claimDelivery(delivery, receivedAt);
    claims.set(key, claim);
  }
  return (await claim) ? verdict : { ok: false, reason: 'replayed_request' };
}

/** Starts a run of the trigger's job unless it is paused (or was retired since); its id. */
async function startRun(deps: FireHookDeps, trigger: HookTrigger, body: Uint8Array): Promise<string | undefined> {
  if (trigger.record.paused) return undefined;
  const view = await deps.views.byId(trigger.record.jobId);
  if (view.entry.paused || view.entry.retiredAt !== null) return undefined;
  const params = { ...trigger.record.defaultParams, ...extractParams(trigger.paramMapping, body) };
  const run = await deps.launcher.start(view, params, { triggerId: trigger.record.triggerId });
  return run.id;
}
