/**
 * Pure text helpers of the terminal view: glyphs, ticking elapsed times,
 * and log lines made safe and short enough for one terminal row.
 */
import type { TaskRunStatus } from '../../engine/ports/status.js';

/** Spinner frames for running steps; one frame per 80 ms of the clock. */
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

/** The one-column glyph of a status; `running` spins with `now`. */
export function glyph(status: TaskRunStatus, now: number): string {
  switch (status) {
    case 'pending':
      return '○';
    case 'running':
      return SPINNER[Math.floor(now / 80) % SPINNER.length] ?? '⠋';
    case 'succeeded':
      return '✔';
    case 'failed':
      return '✖';
    case 'skipped':
      return '↷';
    case 'cached':
      return '◆';
    case 'cancelled':
      return '■';
  }
}

/** The ink colour of a status. */
export function statusColor(status: TaskRunStatus): string | undefined {
  switch (status) {
    case 'succeeded':
      return 'green';
    case 'failed':
      return 'red';
    case 'skipped':
      return 'yellow';
    case 'running':
    case 'cached':
      return 'cyan';
    case 'pending':
    case 'cancelled':
      return 'gray';
  }
}

/** A short ticking duration: `0.4s`, `12.0s`, `3m07s`, `1h02m`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

// ANSI escape sequences (CSI and OSC) and the remaining C0 controls.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A log line with escapes and control characters removed and tabs as spaces. */
export function sanitize(text: string): string {
  const lastReturn = text.lastIndexOf('\r');
  const visible = lastReturn >= 0 && lastReturn < text.length - 1 ? text.slice(lastReturn + 1) : text;
  return visible.replace(/\t/g, '  ').replace(ESCAPES, '');
}

/** `text` cut to `width` columns, ending in `…` when cut; empty when there is no room. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
}
