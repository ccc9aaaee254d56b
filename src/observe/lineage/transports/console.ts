/** The `console` transport: one JSON log line per event on a writable stream. */
import type { RunEvent } from '../run-event.js';
import type { LineageTransport } from './transport.js';

/**
 * Writes `{"level":"info","msg":"openlineage event","event_type",…,"job",…,
 * "run_id",…,"payload":{…}}` and a newline per event to `out` (the
 * original's info log line, with the same fields).
 */
export function createConsoleTransport(out: NodeJS.WritableStream = process.stdout): LineageTransport {
  return {
    name: 'console',
    emit(event: RunEvent): Promise<void> {
      const line = {
        level: 'info',
        msg: 'openlineage event',
        event_type: event.eventType,
        job: event.job.name,
        run_id: event.run.runId,
        payload: event,
      };
      return new Promise((resolve, reject) => {
        out.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve()));
      });
    },
    close: () => Promise.resolve(),
  };
}
