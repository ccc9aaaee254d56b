import { Box, Text } from 'ink';
import type { RunView } from '../reporters/run-model.js';
import { formatElapsed, sanitize } from './row-text.js';

/**
 * The line under the rows: live (`running 2.3s` / `cancelling…`) or, once the
 * run ended, its result with the total time, then each failed step and why,
 * and under each step its notes (warnings, a failed step's last output lines).
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
        <Box flexDirection="column">
          <Text color="green">
            ✔ {view.alias} succeeded in {total}
          </Text>
          {view.steps.map((s) => (s.notes.length === 0 ? null : <StepNotesBlock key={s.name} name={s.name} notes={s.notes} />))}
        </Box>
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
            <Box key={s.name} flexDirection="column">
              <Text color="red">
                {'  '}
                {s.name} failed: {s.detail ?? 'unknown error'}
              </Text>
              {s.notes.map((note, i) => (
                <Text key={i} dimColor>
                  {sanitize(note)}
                </Text>
              ))}
            </Box>
          ))}
          {view.steps.map((s) =>
            s.status === 'failed' || s.notes.length === 0 ? null : <StepNotesBlock key={s.name} name={s.name} notes={s.notes} />,
          )}
        </Box>
      );
    }
  }
}

/** A step's notes under its name (the warnings of a step that did not fail). */
function StepNotesBlock({ name, notes }: { name: string; notes: readonly string[] }) {
  return (
    <Box flexDirection="column">
      <Text color="yellow">
        {'  '}
        {name}:
      </Text>
      {notes.map((note, i) => (
        <Text key={i} dimColor>
          {sanitize(note)}
        </Text>
      ))}
    </Box>
  );
}
