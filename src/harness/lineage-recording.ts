/**
 * Recording a scenario's OpenLineage events: observe's lineage emitter,
 * subscribed to the scenario's private bus, writing to a recording transport.
 */
import type { Job } from '../jobdef/types.js';
import {
  createLineageEmitter,
  createRecordingTransport,
  type CaesiumMetrics,
  type EventBus,
  type LineageFailure,
} from '../observe/index.js';

/** The parts of a RunEvent the assertions read. */
export interface RecordedLineageEvent {
  eventType: string;
  job: { namespace: string; name: string };
  /** The datasets read and written (for `impact`). */
  inputs: { namespace: string; name: string }[];
  outputs: { namespace: string; name: string }[];
}

/** The events recorded so far. */
export interface LineageRecording {
  events(): RecordedLineageEvent[];
  /** Forgets what was recorded and every failure (before the last of several runs). */
  clear(): void;
  /** Failures of the emitter or its transport, joined by "; ", or undefined. */
  error(): string | undefined;
}

export interface RecordLineageOptions {
  bus: EventBus;
  metrics: CaesiumMetrics;
  /** The scenario's job (the emitter's job lookup: step schemas for datasets). */
  job: Job;
  namespace: string;
  /** Failures the bus reported for the `lineage` subscriber so far. */
  busFailures: () => readonly string[];
}

/** Subscribes a lineage emitter with a recording transport to `bus`. */
export function recordLineage(options: RecordLineageOptions): LineageRecording {
  const transport = createRecordingTransport();
  const failures: string[] = [];
  let busFailuresSeen = 0;
  const emitter = createLineageEmitter({
    transport,
    namespace: options.namespace,
    metrics: options.metrics,
    jobLookup: () => options.job,
    onError: (failure: LineageFailure) => failures.push(describe(failure)),
  });
  options.bus.subscribe(emitter);
  return {
    events: () =>
      transport.events.map((e) => ({
        eventType: e.eventType,
        job: { namespace: e.job.namespace, name: e.job.name },
        inputs: e.inputs.map(ref),
        outputs: e.outputs.map(ref),
      })),
    clear: () => {
      transport.clear();
      failures.length = 0;
      busFailuresSeen = options.busFailures().length;
    },
    error: () => {
      const all = [...failures, ...options.busFailures().slice(busFailuresSeen)];
      return all.length === 0 ? undefined : all.join('; ');
    },
  };
}

function ref(d: { namespace: string; name: string }): { namespace: string; name: string } {
  return { namespace: d.namespace, name: d.name };
}

function describe(failure: LineageFailure): string {
  const where = [failure.source, failure.eventType].filter((s) => s !== undefined).join(' ');
  return `${where === '' ? '' : `${where}: `}${failure.error.message}`;
}
