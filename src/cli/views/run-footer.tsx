import { Box, Text } from 'ink';
import type { RunView } from '../reporters/run-model.js';
import { formatElapsed } from './row-text.js';

/**
 * The line under the rows: live (`running 2.3s` / `cancelling…`) or, once the
 * run ended, its result with the total time, then each failed step and why.
 */
export function RunFooter({ view, now }: { view: RunView; now: number }) {
  const total = formatElapsed((view.endedAt ?? now) - view.startedAt);
  switch (view.status) {
    case 'running':
      return <Text dimColor>running {total}</Text>;
    case 'cancelling':
      return <Text color="yellow">cancelling… (waiting for running steps to stop)</Text>;
    case 'succeeded':
      return (
        <Text color="green">
          ✔ {view.alias} succeeded in {total}
        </Text>
      );
    case 'failed':
    case 'cancelled': {
      const failed = view.steps.filter((s) => s.status === 'failed');
      return (
        <Box flexDirection="column">
          <Text color="red">
            ✖ {view.alias} {view.status} after {total}
            {view.error === null ? '' : `: ${view.error}`}
          </Text>
          {failed.map((s) => (
            <Text key={s.name} color="red">
              {'  '}
              {s.name} failed: {s.detail ?? 'unknown error'}
            </Text>
          ))}
        </Box>
      );
    }
  }
}
