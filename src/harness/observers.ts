/**
 * What watches one scenario's runs: a private event bus feeding a fresh
 * metrics registry and, when the scenario asserts lineage, an OpenLineage
 * emitter on a recording transport (namespace `caesium-harness`). Nothing is
 * shared between scenarios, so readings are the scenario's own.
 */
import type { EventSink } from '../engine/ports/events.js';
import type { Job } from '../jobdef/types.js';
import {
  createEventBus,
  createMetrics,
  createMetricsSubscriber,
  readMetric,
  type CaesiumMetrics,
  type EventBus,
  type SubscriberFailure,
} from '../observe/index.js';
import type { BusSubscriber } from '../observe/bus-subscriber.js';
import { recordLineage, type LineageRecording } from './lineage-recording.js';
import { errorText } from '../errors.js';

/** The OpenLineage namespace of harness runs. */
const HARNESS_NAMESPACE = 'caesium-harness';

/** A scenario's observers. */
export interface ScenarioObservers {
  /** Hand this to the engine. */
  readonly sink: EventSink;
  readonly metrics: CaesiumMetrics;
  /** Present when the scenario asserts lineage. */
  readonly lineage: LineageRecording | undefined;
  /** Reads one series (0 when it has no value yet). */
  read(name: string, labels: Readonly<Record<string, string>>): Promise<number>;
  /** Adds a subscriber of the scenario's events (the env-configured lineage emitter). */
  subscribe(subscriber: BusSubscriber): () => void;
  /** Waits until every event published so far has been handled. */
  flush(): Promise<void>;
  /** Releases the bus, once. */
  close(): Promise<void>;
}

/** Creates the observers of a scenario that runs `job` (its step schemas name lineage datasets). */
export function createObservers(job: Job, options: { lineage: boolean }): ScenarioObservers {
  const metrics = createMetrics();
  const lineageFailures: string[] = [];
  const bus: EventBus = createEventBus({
    metrics,
    onError: (failure: SubscriberFailure) => {
      if (failure.subscriber === 'lineage') lineageFailures.push(`${failure.hook}: ${errorText(failure.error)}`);
    },
  });
  bus.subscribe(createMetricsSubscriber(metrics));
  let lineage: LineageRecording | undefined;
  if (options.lineage) {
    lineage = recordLineage({ bus, metrics, job, namespace: HARNESS_NAMESPACE, busFailures: () => lineageFailures });
  }
  return {
    sink: bus.sink,
    metrics,
    lineage,
    read: async (name, labels) => (await readMetric(metrics.registry, name, labels)) ?? 0,
    subscribe: (subscriber) => bus.subscribe(subscriber),
    flush: () => bus.flush(),
    close: () => bus.close({ timeoutMs: 5_000 }),
  };
}
