import { CRON_KEYS, cronExpressionOf, cronProblem, isValidTimeZone } from '../cron.js';
import { choiceHint } from '../suggest.js';
import { isObj, q, str, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import { checkHttpTrigger } from './http-trigger.js';

const UNSUPPORTED_TYPES: Record<string, string> = {
  freshness: 'use type cron to run on a schedule, or type http to start runs when new data arrives',
};

/** The warning of a `trigger.type: event` job (the same in every front door: they share this rule). */
const EVENT_TRIGGER_WARNING =
  'trigger.type "event" is accepted, but event triggers are not supported yet: this job never starts on its own';
const EVENT_TRIGGER_HINT =
  'start its runs by hand (`caesium run start` on a server, `caesium dev` locally); for runs that start on their own use type cron (a schedule) or http (a webhook)';

/** The trigger: its type, and the configuration of cron and http triggers (docs/decisions.md §1.3, §1.9 item 4, D4). */
export function checkTrigger(ctx: RuleContext): void {
  const { root, report } = ctx;
  const trigger = root.trigger;
  if (trigger === undefined) {
    report.error(['trigger'], 'E_REQUIRED', 'trigger is required', { hint: 'add a trigger of type cron (a schedule) or http (a webhook)' });
    return;
  }
  if (!isObj(trigger)) return;
  const type = str(trigger.type);
  if (type !== undefined && Object.prototype.hasOwnProperty.call(UNSUPPORTED_TYPES, type)) {
    report.error(['trigger', 'type'], 'E_TRIGGER_UNSUPPORTED', `trigger.type ${q(type)} is not supported by caesium`, {
      hint: UNSUPPORTED_TYPES[type],
    });
    return;
  }
  if (type === 'event') {
    // Accepted so the original's examples load and apply; nothing fires such a job yet (docs/decisions.md §1.3).
    report.warn(['trigger', 'type'], 'W_TRIGGER_EVENT', EVENT_TRIGGER_WARNING, { hint: EVENT_TRIGGER_HINT });
    return;
  }
  if (type !== 'cron' && type !== 'http') {
    report.error(['trigger', 'type'], 'E_ENUM', 'trigger.type must be one of [cron,http,event]', {
      hint: choiceHint(type ?? '', ['cron', 'http', 'event'], 'use cron for a schedule or http for a webhook'),
    });
    return;
  }
  const config = trigger.configuration;
  if (config !== undefined && !isObj(config)) return;
  if (type === 'cron') checkCron(ctx, config ?? {});
  else checkHttpTrigger(ctx, config ?? {});
}

function checkCron({ report }: RuleContext, config: Obj): void {
  const at = ['trigger', 'configuration'];
  const tz = config.timezone;
  let zone: string | undefined;
  if (typeof tz === 'string' && tz.trim() !== '') {
    if (isValidTimeZone(tz.trim())) zone = tz.trim();
    else {
      report.error([...at, 'timezone'], 'E_TIMEZONE', `trigger.configuration.timezone ${q(tz)} is not a valid IANA time zone`, {
        hint: 'use a zone name such as "UTC", "Europe/Berlin" or "America/New_York"; leave it out for UTC',
      });
    }
  }
  const found = cronExpressionOf(config);
  if (found === undefined) {
    // A present but non-string value is reported by the schema.
    if (CRON_KEYS.some((k) => config[k] !== undefined && typeof config[k] !== 'string')) return;
    report.error([...at, 'expression'], 'E_CRON', 'trigger.configuration.expression is required for cron triggers', {
      hint: 'set expression to a 5-field cron expression such as "0 2 * * *" (also read from cron or schedule)',
    });
    return;
  }
  const problem = cronProblem(found.expression, zone);
  if (problem !== undefined) {
    report.error(
      [...at, found.key],
      'E_CRON',
      `trigger.configuration.${found.key} ${q(found.expression)} is not a valid cron expression: ${problem}`,
      {
        hint: 'use 5 fields (minute hour day-of-month month day-of-week), e.g. "*/15 * * * *", or a descriptor such as @hourly or @daily',
      },
    );
  }
}
