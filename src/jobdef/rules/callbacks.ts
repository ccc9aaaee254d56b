import { isBlank, isObj } from '../values.js';
import type { RuleContext } from './context.js';

/** Callbacks (docs/decisions.md §1.4, §1.9 item 5). */
export function checkCallbacks({ root, report }: RuleContext): void {
  const callbacks = root.callbacks;
  if (!Array.isArray(callbacks)) return;
  callbacks.forEach((cb, i) => {
    if (!isObj(cb)) return;
    if (cb.type !== 'notification') {
      report.error(['callbacks', i, 'type'], 'E_CALLBACK', `callbacks[${i}].type must be notification`, {
        hint: 'set `type: notification`',
      });
    }
    const config = cb.configuration;
    if (config === undefined) {
      report.error(['callbacks', i, 'configuration'], 'E_REQUIRED', `callbacks[${i}].configuration is required`, {
        hint: 'add a configuration with the url to notify',
      });
    } else if (isObj(config) && isBlank(config.url) && isBlank(config.webhook_url)) {
      report.warn(
        ['callbacks', i, 'configuration'],
        'W_CALLBACK_URL',
        `callbacks[${i}].configuration has no url; the notification cannot be sent`,
        {
          hint: 'set url (or webhook_url)',
        },
      );
    }
  });
}
