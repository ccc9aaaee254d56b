import { choiceHint } from '../suggest.js';
import { q, isObj, type Obj } from '../values.js';
import type { RuleContext } from './context.js';
import { checkDuration } from './durations.js';

const SCHEMES = ['hmac-sha256', 'hmac-sha1', 'bearer', 'basic'];
/** The JSONPath subset of `paramMapping` (docs/decisions.md D15): `$`, `$.a.b`, `$.items.0.id`, `$.items[0].id`. */
const JSON_PATH = /^\$(?:\[[0-9]+\])*(?:\.[^.\s[\]]+(?:\[[0-9]+\])*)*$/;

/** Strips what the hook route adds: a leading `/`, `v1/`, `hooks/`, and surrounding slashes. */
function normalizeHookPath(path: string): string {
  let p = path.trim();
  if (p.startsWith('/')) p = p.slice(1);
  if (p.startsWith('v1/')) p = p.slice(3);
  if (p.startsWith('hooks/')) p = p.slice(6);
  return p.replace(/^\/+|\/+$/g, '');
}

/** The configuration of an http trigger (docs/decisions.md §1.3, §1.9 item 4). */
export function checkHttpTrigger({ report }: RuleContext, config: Obj): void {
  const at = ['trigger', 'configuration'];
  const path = config.path;
  if (path === undefined) {
    report.error([...at, 'path'], 'E_REQUIRED', 'trigger.configuration.path is required for http triggers', {
      hint: 'set the hook path, e.g. `path: deploys/finished` (served at POST /v1/hooks/deploys/finished)',
    });
  } else if (typeof path !== 'string') {
    report.error([...at, 'path'], 'E_TYPE', 'trigger.configuration.path must be a string', { hint: 'quote the path' });
  } else if (normalizeHookPath(path) === '') {
    report.error([...at, 'path'], 'E_HTTP_PATH', 'trigger.configuration.path must not be empty', {
      hint: 'a leading /, v1/ and hooks/ are stripped; name the hook after them',
    });
  }

  const scheme = config.signatureScheme;
  if (scheme !== undefined) {
    if (typeof scheme !== 'string') {
      report.error([...at, 'signatureScheme'], 'E_TYPE', 'trigger.configuration.signatureScheme must be a string');
    } else if (scheme.trim() !== '' && !SCHEMES.includes(scheme.trim())) {
      report.error(
        [...at, 'signatureScheme'],
        'E_ENUM',
        `trigger.configuration.signatureScheme ${q(scheme)} must be one of [${SCHEMES.join(',')}]`,
        {
          hint: choiceHint(scheme.trim(), SCHEMES, 'leave it out for hmac-sha256'),
        },
      );
    } else if (config.timestampHeader !== undefined && (scheme.trim() === 'bearer' || scheme.trim() === 'basic')) {
      report.warn(
        [...at, 'timestampHeader'],
        'W_IGNORED',
        `trigger.configuration.timestampHeader is only used by the hmac schemes; ignored with ${scheme.trim()}`,
        {
          key: true,
          hint: 'remove it, or use an hmac signature scheme for replay protection',
        },
      );
    }
  }
  checkDuration(report, [...at, 'maxTimestampAge'], config.maxTimestampAge);
  checkParamMapping(report, config.paramMapping);
}

function checkParamMapping(report: RuleContext['report'], mapping: unknown): void {
  const at = ['trigger', 'configuration', 'paramMapping'];
  if (mapping === undefined) return;
  if (!isObj(mapping)) {
    report.error(at, 'E_PARAM_MAPPING', 'trigger.configuration.paramMapping must be a map of string keys and values', {
      hint: 'map each parameter name to a JSONPath, e.g. `repo: $.repository.name`',
    });
    return;
  }
  for (const [key, expr] of Object.entries(mapping)) {
    const label = `trigger.configuration.paramMapping[${q(key)}]`;
    if (typeof expr !== 'string') {
      report.error([...at, key], 'E_PARAM_MAPPING', `${label} must be a string`, { hint: 'quote the JSONPath' });
    } else if (expr.trim() === '') {
      report.error([...at, key], 'E_PARAM_MAPPING', `${label}: must not be empty`, { hint: 'use $ for the whole body' });
    } else if (!JSON_PATH.test(expr.trim())) {
      report.error([...at, key], 'E_PARAM_MAPPING', `${label}: must be '$' or a dot-separated path starting with '$.'`, {
        hint: 'e.g. $.repository.name, $.items.0.id or $.items[0].id',
      });
    }
  }
}
