/**
 * OpenLineage for `caesium dev`: with `CAESIUM_OPEN_LINEAGE_ENABLED` set, a
 * small event bus carries the session's engine events to the emitter that
 * src/observe/lineage/subscribe-lineage.ts builds (as the server's does).
 * The bus, the metrics and the transport load only then.
 */
import type { EngineEvent } from '../../engine/ports/events.js';
import type { Job } from '../../jobdef/types.js';
import type { Io } from '../io.js';
import { errorText } from '../../errors.js';

/** The session's lineage: publish each event with the job it belongs to, flush after a run. */
export interface DevLineage {
  publish(job: Job, event: EngineEvent): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The lineage of a dev session; undefined when the environment does not ask for it (or its configuration is bad: said on stderr). */
export async function devLineage(io: Io): Promise<DevLineage | undefined> {
  if ((io.env.CAESIUM_OPEN_LINEAGE_ENABLED ?? '').trim() === '') return undefined;
  const [{ createEventBus }, { createMetrics }, { subscribeLineage }] = await Promise.all([
    import('../../observe/event-bus.js'),
    import('../../observe/metrics/create-metrics.js'),
    import('../../observe/lineage/subscribe-lineage.js'),
  ]);
  const metrics = createMetrics();
  const log = (line: string): void => void io.err.write(`caesium: ${line}\n`);
  const bus = createEventBus({ metrics, onError: (f) => log(`OpenLineage failed in ${f.hook}: ${errorText(f.error)}`) });
  const jobs = new Map<string, Job>();
  const emitter = await subscribeLineage(bus, io.env, { metrics, jobLookup: (id) => jobs.get(id), log, console: io.err });
  if (emitter === undefined) {
    await bus.close();
    return undefined;
  }
  return {
    publish(job, event) {
      jobs.set(event.jobId, job);
      bus.sink(event);
    },
    flush: () => bus.flush(),
    close: () => bus.close({ timeoutMs: 5_000 }),
  };
}
