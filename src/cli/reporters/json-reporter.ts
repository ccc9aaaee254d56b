/**
 * The `--json` reporter of `caesium dev --once`: collects every run and,
 * when the session closes, writes one JSON document (./run-json.ts) on
 * stdout. Nothing else is written to stdout under `--json`.
 */
import type { DevReporter } from './reporter.js';
import { runResultJson, type RunResultJson, type RunResultsJson } from './run-json.js';

/** Creates the reporter; `out` receives the document once, with a final newline. */
export function createJsonReporter(out: NodeJS.WritableStream): DevReporter {
  const runs: RunResultJson[] = [];
  let written = false;
  return {
    onRunEnd(start, outcome) {
      runs.push(runResultJson(start, outcome));
    },
    close() {
      if (written) return;
      written = true;
      const status = runs.length > 0 && runs.every((r) => r.status === 'succeeded') ? 'succeeded' : 'failed';
      const doc: RunResultsJson = { version: 1, status, runs };
      out.write(`${JSON.stringify(doc, null, 2)}\n`);
    },
  };
}
