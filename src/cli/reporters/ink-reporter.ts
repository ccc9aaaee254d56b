/**
 * The terminal reporter: a live ink view per run. ink and React are imported
 * here lazily, only when `caesium dev` runs on a terminal, never by commands
 * that merely lint (docs/architecture.md rule 7).
 */
import type { DevReporter } from './reporter.js';
import { StepNotes } from './step-notes.js';
import { applyEvent, applyOutcome, initialView, type RunView } from './run-model.js';

/** Options of the ink reporter. */
export interface InkReporterOptions {
  stdout: NodeJS.WriteStream;
  /** `--logs`: print every log line (`name | text`) above the live rows. */
  logs: boolean;
  now?: () => number;
  tickMs?: number;
}

/** Loads ink and React, then returns the reporter; rejects when they cannot load. */
export async function createInkReporter(options: InkReporterOptions): Promise<DevReporter> {
  const { mountDevView } = await import('../views/mount-dev-view.js');
  const now = options.now ?? Date.now;
  let view: RunView | undefined;
  let mounted: ReturnType<typeof mountDevView> | undefined;
  let names = new Map<string, string>();
  let notes = new StepNotes(!options.logs);
  const unmount = async (): Promise<void> => {
    const m = mounted;
    mounted = undefined;
    await m?.finish();
  };
  return {
    onRunStart({ job, paths }) {
      view = initialView(job, paths, now());
      names = new Map();
      notes = new StepNotes(!options.logs);
      mounted = mountDevView(view, { stdout: options.stdout, now, ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }) });
    },
    onEvent(event) {
      notes.onEvent(event);
      if (view !== undefined) applyEvent(view, event, options.logs, names);
    },
    onCancelRequested() {
      if (view?.status === 'running') view.status = 'cancelling';
    },
    async onRunEnd(_start, outcome) {
      if (view !== undefined) applyOutcome(view, outcome, now(), notes);
      await unmount();
      view = undefined;
    },
    close: unmount,
  };
}
