import { createRequire } from 'node:module';
import type { CronExpressionParser as Parser } from 'cron-parser';
import { isObj, q } from './values.js';
import { errorText } from '../errors.js';

/**
 * Cron checks shared by validation and the scheduler (docs/decisions.md D4): five-field
 * expressions or `@hourly`-style descriptors, and IANA time zones.
 */

/** The descriptors the original accepts, as five-field expressions. */
const CRON_DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** The keys a cron expression is read from, in order of precedence. */
export const CRON_KEYS = ['expression', 'cron', 'schedule'] as const;

/** The expression of a cron trigger configuration: the first non-empty string of `expression`, `cron`, `schedule`. */
export function cronExpressionOf(config: unknown): { key: (typeof CRON_KEYS)[number]; expression: string } | undefined {
  if (!isObj(config)) return undefined;
  for (const key of CRON_KEYS) {
    const v = config[key];
    if (typeof v === 'string' && v.trim() !== '') return { key, expression: v.trim() };
  }
  return undefined;
}

/** Expands a descriptor to its five fields; other text is returned trimmed. */
export function expandCron(expression: string): string {
  const text = expression.trim();
  return CRON_DESCRIPTORS[text.toLowerCase()] ?? text;
}

const require = createRequire(import.meta.url);
let parser: typeof Parser | undefined;

/** cron-parser, loaded on first use so files without cron triggers never pay for it. */
function cronParser(): typeof Parser {
  parser ??= (require('cron-parser') as { CronExpressionParser: typeof Parser }).CronExpressionParser;
  return parser;
}

const checked = new Map<string, string | undefined>();
const REFERENCE_DATE = new Date(Date.UTC(2024, 0, 1));

/**
 * Why `expression` is not a valid cron expression (in time zone `tz`, default
 * UTC), or undefined when it is valid.
 */
export function cronProblem(expression: string, tz?: string): string | undefined {
  const memoKey = `${tz ?? ''}\n${expression}`;
  if (checked.has(memoKey)) return checked.get(memoKey);
  const problem = findProblem(expression, tz);
  checked.set(memoKey, problem);
  return problem;
}

function findProblem(expression: string, tz: string | undefined): string | undefined {
  const text = expression.trim();
  if (text.startsWith('@')) {
    if (CRON_DESCRIPTORS[text.toLowerCase()] === undefined) {
      return text.toLowerCase().startsWith('@every') ? '@every intervals are not supported' : `unknown descriptor ${q(text)}`;
    }
  } else {
    const fields = text.split(/\s+/).length;
    if (fields !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields}`;
  }
  try {
    cronParser()
      .parse(expandCron(text), { tz: tz ?? 'UTC', currentDate: REFERENCE_DATE })
      .next();
    return undefined;
  } catch (err) {
    return errorText(err);
  }
}

const zones = new Map<string, boolean>();

/** True when `tz` names an IANA time zone this runtime knows (`UTC`, `Europe/Berlin`). */
export function isValidTimeZone(tz: string): boolean {
  let ok = zones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    zones.set(tz, ok);
  }
  return ok;
}
