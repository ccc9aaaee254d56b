import { Box, Static, Text } from 'ink';
import type { RunView } from '../reporters/run-model.js';
import { nameWidth } from '../reporters/task-line.js';
import { RunFooter } from './run-footer.js';
import { StepRow } from './step-row.js';

/** What `DevView` renders: the run, the clock and the terminal width. */
export interface DevViewProps {
  view: RunView;
  now: number;
  columns: number;
}

/**
 * The terminal view of one `caesium dev` run: `--logs` lines printed above
 * (ink's `Static`), then the header, the DAG summary line, a row per step and
 * the footer. A pure function of its props; the reporter re-renders it.
 */
export function DevView({ view, now, columns }: DevViewProps) {
  const width = nameWidth(view.steps.map((s) => s.name));
  return (
    <>
      <Static items={view.logs}>{(line) => <Text key={line.key}>{line.text}</Text>}</Static>
      <Box flexDirection="column">
        <Text>
          <Text bold>caesium dev {view.alias}</Text>
          <Text dimColor>{`  ${view.paths.join(', ')}`}</Text>
        </Text>
        <Text dimColor>{view.dag}</Text>
        {view.steps.map((step) => (
          <StepRow key={step.name} step={step} now={now} nameWidth={width} columns={columns} />
        ))}
        <RunFooter view={view} now={now} />
      </Box>
    </>
  );
}
