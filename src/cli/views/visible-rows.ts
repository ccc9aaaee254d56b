/**
 * Which step rows fit a terminal. A frame as tall as the terminal makes ink
 * clear the screen and the scrollback on every redraw, so a job with more steps
 * than fit keeps a fixed height: running steps first, then failed ones, then the
 * rest in definition order, and one `+N more` line counting what is hidden.
 */
import type { TaskRunStatus } from '../../engine/ports/status.js';
import type { StepView } from '../reporters/run-model.js';

/** The rows to draw and what the `+N more` line says (null when everything fits). */
export interface VisibleRows {
  steps: StepView[];
  more: string | null;
}

const rank = (s: StepView): number => (s.status === 'running' ? 0 : s.status === 'failed' ? 1 : 2);

/** Hidden statuses in the order the `+N more` line lists them. */
const ORDER: readonly TaskRunStatus[] = ['running', 'failed', 'pending', 'succeeded', 'cached', 'skipped', 'cancelled'];

/**
 * At most `room` lines of rows (the `+N more` line included). Steps keep their
 * definition order when all fit; otherwise running and failed steps come first.
 */
export function visibleRows(steps: readonly StepView[], room: number): VisibleRows {
  if (steps.length <= room) return { steps: [...steps], more: null };
  const shown = Math.max(0, room - 1);
  const ordered = steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => rank(a.step) - rank(b.step) || a.index - b.index)
    .map(({ step }) => step);
  const hidden = ordered.slice(shown);
  const counts = ORDER.map((status) => [status, hidden.filter((s) => s.status === status).length] as const).filter(([, n]) => n > 0);
  return { steps: ordered.slice(0, shown), more: `+${hidden.length} more (${counts.map(([status, n]) => `${n} ${status}`).join(', ')})` };
}
