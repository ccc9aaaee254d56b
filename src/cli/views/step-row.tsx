import { Box, Text } from 'ink';
import type { StepView } from '../reporters/run-model.js';
import { formatElapsed, glyph, sanitize, statusColor, truncate } from './row-text.js';

/** Columns of a row before the log line: glyph, name, status, elapsed and their gaps. */
function rowPrefixWidth(nameWidth: number): number {
  return 2 + nameWidth + 2 + STATUS_WIDTH + 2 + ELAPSED_WIDTH + 2;
}

const STATUS_WIDTH = 9;
const ELAPSED_WIDTH = 7;

/** What `StepRow` needs. */
export interface StepRowProps {
  step: StepView;
  now: number;
  nameWidth: number;
  columns: number;
}

/**
 * One step: status glyph (a spinner while running), name, status, elapsed
 * time (ticking while running, frozen at the end) and the latest log line,
 * or why it failed or was skipped, cut to the terminal width.
 */
export function StepRow({ step, now, nameWidth, columns }: StepRowProps) {
  const color = statusColor(step.status);
  const status =
    step.status === 'running' && step.maxAttempts > 1 && step.attempt > 1 ? `try ${step.attempt}/${step.maxAttempts}` : step.status;
  const elapsed = step.startedAt === null ? '' : formatElapsed((step.endedAt ?? now) - step.startedAt);
  const tail =
    step.status === 'failed' || step.status === 'skipped' || step.status === 'cancelled' ? step.detail : (step.lastLog ?? step.detail);
  const room = columns - rowPrefixWidth(nameWidth);
  const text = tail === null ? '' : truncate(sanitize(tail), room);
  return (
    <Box>
      <Text color={color}>{glyph(step.status, now)} </Text>
      <Text bold={step.status === 'running'}>{`${step.name.padEnd(nameWidth)}  `}</Text>
      <Text color={color}>{`${status.padEnd(STATUS_WIDTH)}  `}</Text>
      <Text dimColor>{`${elapsed.padStart(ELAPSED_WIDTH)}  `}</Text>
      <Text color={step.status === 'failed' ? 'red' : undefined} dimColor={step.status !== 'failed'}>
        {text}
      </Text>
    </Box>
  );
}
