/** A stored http trigger with its configuration read (src/trigger/hook-config.ts), as the hook route uses it. */
import type { HttpTriggerRecord } from '../../store/ports/hooks.js';
import { hookConfigOf, type HookConfig } from '../../trigger/hook-config.js';

export interface HookTrigger extends HookConfig {
  record: HttpTriggerRecord;
}

/** Reads a stored http trigger. */
export function hookTriggerOf(record: HttpTriggerRecord): HookTrigger {
  return { record, ...hookConfigOf(record.configuration) };
}
