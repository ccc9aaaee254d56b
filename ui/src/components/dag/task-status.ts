/**
 * How a task status looks everywhere in the UI: a colour (a CSS variable of the theme), a symbol and a word, so
 * colour is never the only signal.
 */
import type { TaskRunStatusJson } from '../../../../src/api/index.js';

export const TASK_STATUSES: readonly TaskRunStatusJson[] = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cached', 'cancelled'];

interface StatusLook {
  /** A CSS colour: the theme's variable with a fallback. */
  color: string;
  symbol: string;
  label: string;
}

/** The look of one status; an unknown status (a newer server) looks pending with its own word. */
export function statusLook(status: string): StatusLook {
  switch (status as TaskRunStatusJson) {
    case 'pending':
      return { color: 'var(--status-pending, var(--wait, #8a6100))', symbol: '○', label: 'pending' };
    case 'running':
      return { color: 'var(--status-running, var(--run, #0969da))', symbol: '▶', label: 'running' };
    case 'succeeded':
      return { color: 'var(--status-succeeded, var(--ok, #1a7f37))', symbol: '✓', label: 'succeeded' };
    case 'failed':
      return { color: 'var(--status-failed, var(--fail, #cf222e))', symbol: '✗', label: 'failed' };
    case 'skipped':
      return { color: 'var(--status-skipped, var(--skip, #6e7781))', symbol: '↷', label: 'skipped' };
    case 'cached':
      return { color: 'var(--status-cached, #1b7c83)', symbol: '⚡', label: 'cached' };
    case 'cancelled':
      return { color: 'var(--status-cancelled, #8250df)', symbol: '⊘', label: 'cancelled' };
    default:
      return { color: 'var(--status-pending, var(--wait, #8a6100))', symbol: '?', label: status };
  }
}
