import { CRON_KEYS, cronExpressionOf, cronProblem, isValidTimeZone } from '../cron.js';
import { choiceHint } from '../suggest.js';
import { isObj, q, str, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import { checkHttpTrigger } from './http-trigger.js';

const UNSUPPORTED_TYPES: Record<string, string> = {
  event: 'use type http to start runs from a webhook (POST /v1/hooks/<path>), or type cron for a schedule',
  freshness: 'use type cron to run on a schedule, or type http to start runs when new data arrives',
};

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
  if (type !== 'cron' && type !== 'http') {
    report.error(['trigger', 'type'], 'E_ENUM', 'trigger.type must be one of [cron,http]', {
      hint: choiceHint(type ?? '', ['cron', 'http'], 'use cron for a schedule or http for a webhook'),
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
