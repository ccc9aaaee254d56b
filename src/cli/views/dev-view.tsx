import { Box, Static, Text } from 'ink';
import type { RunView } from '../reporters/run-model.js';
import { nameWidth } from '../reporters/task-line.js';
import { truncate } from './row-text.js';
import { RunFooter } from './run-footer.js';
import { StepRow } from './step-row.js';
import { visibleRows } from './visible-rows.js';

/** What `DevView` renders: the run, the clock and the terminal size. */
export interface DevViewProps {
  view: RunView;
  now: number;
  columns: number;
  /**
   * Terminal height: when given, the live part stays below it (one line is kept
   * free, else ink clears the screen and scrollback on every frame), with the DAG
   * line cut to one row and a `+N more` line for the steps that do not fit.
   */
  rows?: number;
  /** Draw only the `--logs` lines (the live part is gone: the final summary is printed once, elsewhere). */
  logsOnly?: boolean;
}

/** Lines of the live part besides the step rows: header, DAG line, footer. */
const FIXED_LINES = 3;

/**
 * The terminal view of one `caesium dev` run: `--logs` lines printed above
 * (ink's `Static`), then the header, the DAG summary line, a row per step and
 * the footer. A pure function of its props; the reporter re-renders it.
 */
export function DevView({ view, now, columns, rows, logsOnly = false }: DevViewProps) {
  const width = nameWidth(view.steps.map((s) => s.name));
  const fit = rows === undefined ? { steps: view.steps, more: null } : visibleRows(view.steps, rows - 1 - FIXED_LINES);
  return (
    <>
      <Static items={view.logs}>{(line) => <Text key={line.key}>{line.text}</Text>}</Static>
      {logsOnly ? null : (
        <Box flexDirection="column">
          <Text wrap={rows === undefined ? 'wrap' : 'truncate-end'}>
            <Text bold>caesium dev {view.alias}</Text>
            <Text dimColor>{`  ${view.paths.join(', ')}`}</Text>
          </Text>
          <Text dimColor>{rows === undefined ? view.dag : truncate(view.dag, columns)}</Text>
          {fit.steps.map((step) => (
            <StepRow key={step.name} step={step} now={now} nameWidth={width} columns={columns} />
          ))}
          {fit.more === null ? null : <Text dimColor>{truncate(fit.more, columns)}</Text>}
          <RunFooter view={view} now={now} />
        </Box>
      )}
    </>
  );
}
