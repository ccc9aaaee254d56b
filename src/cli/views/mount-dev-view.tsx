/**
 * Mounts the dev view on a terminal and keeps it ticking. Loaded lazily by
 * the ink reporter: importing this module is what pulls in ink and React.
 */
import { render, renderToString, type Instance } from 'ink';
import type { RunView } from '../reporters/run-model.js';
import { DevView } from './dev-view.js';

/** A mounted view. */
export interface MountedDevView {
  /** Draws the final frame, unmounts and waits until ink has let go of the terminal. */
  finish(): Promise<void>;
}

/** Options of `mountDevView`. */
export interface MountOptions {
  stdout: NodeJS.WriteStream;
  /** Clock for elapsed times and the spinner. */
  now?: () => number;
  /** Redraw interval; default 100 ms. */
  tickMs?: number;
}

/**
 * Renders `view` (which the caller mutates) on `stdout`, below the terminal's
 * height (docs/terminal-output.md), and redraws it every tick, not on every event, so log-heavy steps cost no extra renders
 * (`Static` needs a fresh `logs` array to notice new lines). ink never touches stdin here (no raw mode), so Ctrl-C still reaches
 * the process as SIGINT and the signal handlers decide what happens.
 */
export function mountDevView(view: RunView, options: MountOptions): MountedDevView {
  const now = options.now ?? Date.now;
  const columns = (): number => (options.stdout.columns > 0 ? options.stdout.columns : 80);
  const rows = (): number | undefined => (options.stdout.rows > 0 ? options.stdout.rows : undefined);
  const element = (logsOnly = false) => (
    <DevView view={{ ...view, logs: [...view.logs] }} now={now()} columns={columns()} rows={rows()} logsOnly={logsOnly} />
  );
  const instance: Instance = render(element(), { stdout: options.stdout, exitOnCtrlC: false, patchConsole: false });
  let finished: Promise<void> | undefined;
  const timer = setInterval(() => instance.rerender(element()), options.tickMs ?? 100);
  return {
    finish() {
      finished ??= (async () => {
        clearInterval(timer);
        // The live part goes away and the whole final table is printed once, as
        // plain scrolling text ending in a newline, however tall it is.
        instance.rerender(element(true));
        instance.clear();
        instance.unmount();
        await instance.waitUntilExit();
        const summary = renderToString(<DevView view={{ ...view, logs: [] }} now={now()} columns={columns()} />, { columns: columns() });
        options.stdout.write(`${summary}\n`);
      })();
      return finished;
    },
  };
}
