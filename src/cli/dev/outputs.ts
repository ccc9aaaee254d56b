/**
 * Picks the outputs of a dev session: the ink view on an interactive
 * terminal (not in CI, not `TERM=dumb`, with a known width), plain lines otherwise; `--logs`
 * adds the log stream (inside the ink view, above its rows, on a terminal).
 */
import { createInkReporter } from '../reporters/ink-reporter.js';
import { createLogStreamReporter } from '../reporters/log-stream.js';
import { createPlainReporter } from '../reporters/plain.js';
import { createJsonReporter } from '../reporters/json-reporter.js';
import type { DevReporter } from '../reporters/reporter.js';
import type { Io } from '../io.js';
import { errorText } from '../../errors.js';

/** The chosen reporters and whether they draw on the terminal. */
export interface Outputs {
  reporters: DevReporter[];
  terminal: boolean;
}

/** Whether the live terminal view should be used. */
function wantsTerminalView(io: Io): boolean {
  const ci = io.env.CI;
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return io.isTTY && !inCi && io.env.TERM !== 'dumb' && (io.out.columns ?? 0) > 0;
}

/** Builds the outputs; if ink cannot load, falls back to plain lines and says so. */
export async function createOutputs(io: Io, logs: boolean, json = false): Promise<Outputs> {
  if (json) {
    // stdout carries the document alone; the plain lines (and --logs) go to stderr.
    const plain = createPlainReporter({ out: io.err, err: io.err, color: io.color, logs });
    const stream = logs ? [createLogStreamReporter(io.err)] : [];
    return { reporters: [createJsonReporter(io.out), ...stream, plain], terminal: false };
  }
  if (wantsTerminalView(io)) {
    try {
      return { reporters: [await createInkReporter({ stdout: io.out as NodeJS.WriteStream, logs })], terminal: true };
    } catch (error) {
      io.err.write(`caesium: the terminal view is unavailable (${errorText(error)}); printing plain lines\n`);
    }
  }
  const plain = createPlainReporter({ out: io.out, err: io.err, color: io.color, logs });
  return { reporters: logs ? [createLogStreamReporter(io.out), plain] : [plain], terminal: false };
}
