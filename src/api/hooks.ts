/** `POST /v1/hooks/<path>`: the 202 receipt, plus caesium's `run_ids`. */

export interface HookReceiptJson {
  receipt_id: string;
  path: string;
  /** `X-Caesium-Event-Source` or `X-Webhook-Source`, else the path. */
  source: string;
  event_matched_triggers: number;
  event_runs_started: number;
  http_triggers_accepted: number;
  http_runs_started: number;
  /** The runs started, in job alias order (a caesium addition). */
  run_ids: string[];
  /** Why some accepted trigger did not start its run. */
  error?: string;
}
