/**
 * The one place every front door (`caesium dev`, `caesium server`, harness
 * scenarios) turns `CAESIUM_OPEN_LINEAGE_*` into a lineage emitter on its
 * event bus. Enabled, it registers the `caesium_lineage_*` metric families on
 * `metrics`; a configuration problem is logged once and lineage stays off.
 * Closing the bus flushes and closes the emitter.
 */
import type { EventBus } from '../event-bus.js';
import type { JobLookup } from '../job-info.js';
import type { CaesiumMetrics } from '../metrics/create-metrics.js';
import type { LineageEmitter } from './emitter.js';
import { lineageFromEnv } from './lineage-from-env.js';
import { errorText } from '../../errors.js';

export interface LineageWiring {
  metrics?: CaesiumMetrics;
  jobLookup?: JobLookup;
  /** One line per problem (configuration, delivery). */
  log: (line: string) => void;
  /** Where the console transport writes. */
  console?: NodeJS.WritableStream;
}

/** Subscribes a lineage emitter to `bus` when the environment enables it; resolves to it (undefined when off). */
export async function subscribeLineage(
  bus: Pick<EventBus, 'subscribe'>,
  env: Readonly<Record<string, string | undefined>>,
  wiring: LineageWiring,
): Promise<LineageEmitter | undefined> {
  const setup = await lineageFromEnv(env, {
    ...(wiring.metrics === undefined ? {} : { metrics: wiring.metrics }),
    ...(wiring.jobLookup === undefined ? {} : { jobLookup: wiring.jobLookup }),
    ...(wiring.console === undefined ? {} : { console: wiring.console }),
    onError: (failure) =>
      wiring.log(`OpenLineage: ${failure.eventType ?? failure.source ?? 'close'} not delivered: ${errorText(failure.error)}`),
  });
  if (setup.error !== undefined) wiring.log(setup.error);
  if (setup.emitter !== undefined) bus.subscribe(setup.emitter);
  return setup.emitter;
}
