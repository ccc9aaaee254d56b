/**
 * The `--logs` reporter: every task's log lines on stdout, prefixed by the
 * step name (`extract | rows: 3`), as they arrive, on a terminal or not.
 * Names are not padded, so `grep '^extract | '` finds a step's lines.
 */
import type { TaskLogEvent } from '../../engine/ports/events.js';
import type { DevReporter } from './reporter.js';

/** The printed form of one log line. */
export function logLine(event: Pick<TaskLogEvent, 'name' | 'text'>): string {
  return `${event.name} | ${event.text}`;
}

/** Creates the log-stream reporter writing to `out`. */
export function createLogStreamReporter(out: NodeJS.WritableStream): DevReporter {
  return {
    onEvent(event) {
      if (event.type === 'task_log') out.write(`${logLine(event)}\n`);
    },
  };
}
