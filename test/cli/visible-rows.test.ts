import { describe, expect, it } from 'vitest';
import type { StepView } from '../../src/cli/reporters/run-model.js';
import { visibleRows } from '../../src/cli/views/visible-rows.js';

const step = (name: string, status: StepView['status']): StepView => ({
  name,
  status,
  attempt: 1,
  maxAttempts: 1,
  startedAt: null,
  endedAt: null,
  lastLog: null,
  detail: null,
});

describe('visibleRows', () => {
  const steps = [step('a', 'succeeded'), step('b', 'pending'), step('c', 'failed'), step('d', 'running'), step('e', 'skipped')];

  it('keeps definition order when every row fits', () => {
    expect(visibleRows(steps, 5)).toEqual({ steps, more: null });
  });

  it('puts running and failed steps first and counts the hidden ones by status', () => {
    const fit = visibleRows(steps, 3);
    expect(fit.steps.map((s) => s.name)).toEqual(['d', 'c']);
    expect(fit.more).toBe('+3 more (1 pending, 1 succeeded, 1 skipped)');
  });

  it('shows only the "+N more" line when there is room for nothing else', () => {
    expect(visibleRows(steps, 0)).toEqual({ steps: [], more: '+5 more (1 running, 1 failed, 1 pending, 1 succeeded, 1 skipped)' });
  });
});
