/**
 * The lineage reporter: a bus subscriber that maps engine events to
 * OpenLineage run events and hands them to a transport, one at a time and in
 * order. It never throws into the bus: every failure is counted
 * (`caesium_lineage_events_emitted_total{status="error"}`) and reported.
 */
import { performance } from 'node:perf_hooks';
import type { EngineEvent } from '../../engine/ports/events.js';
import type { BusSubscriber } from '../bus-subscriber.js';
import { cachedJobLookup, type JobLookup } from '../job-info.js';
import { enableLineageMetrics, type CaesiumMetrics } from '../metrics/create-metrics.js';
import { DEFAULT_LINEAGE_NAMESPACE } from './config.js';
import { LINEAGE_SOURCE_EVENTS, mapEvent } from './map-event.js';
import type { RunEvent, RunEventType } from './run-event.js';
import type { LineageTransport } from './transports/transport.js';
import { asError } from '../../errors.js';

/** Where a lineage failure happened. */
export interface LineageFailure {
  /** The engine event being mapped or emitted; undefined when closing the transport failed. */
  source?: EngineEvent['type'];
  /** Set when the failure was delivering this OpenLineage event. */
  eventType?: RunEventType;
  job?: string;
  error: Error;
}

export interface LineageEmitterOptions {
  transport: LineageTransport;
  /** Default `caesium`. */
  namespace?: string;
  /** Gets the `caesium_lineage_*` families registered on it and fed. */
  metrics?: CaesiumMetrics;
  /**
   * The applied definition of a job id, for what payloads do not carry: step
   * schemas (datasets) and git provenance. Names, task counts and engines come
   * from the events themselves.
   */
  jobLookup?: JobLookup;
  /** Hears about every failure (the emitter itself never logs). */
  onError?: (failure: LineageFailure) => void;
  /** Pending engine events kept in the bus before new ones are dropped (default 1000). */
  bufferSize?: number;
}

/** The lineage subscriber, with a flush for the end of a local run. */
export interface LineageEmitter extends BusSubscriber {
  readonly transport: LineageTransport;
  /** Resolves once every event handed to the emitter so far was delivered or given up. */
  flush(): Promise<void>;
  /**
   * Stops at once: events not yet delivered are dropped, the transport is closed
   * (an http request in flight is abandoned). Call `flush()` first to deliver
   * everything; `bus.close()` does (within its timeout). Idempotent.
   */
  close(): Promise<void>;
}

/** Creates the lineage subscriber. */
export function createLineageEmitter(options: LineageEmitterOptions): LineageEmitter {
  const { transport, metrics } = options;
  const namespace = options.namespace ?? DEFAULT_LINEAGE_NAMESPACE;
  if (metrics !== undefined) enableLineageMetrics(metrics);
  const lookup = cachedJobLookup(options.jobLookup);
  let chain: Promise<void> = Promise.resolve();
  let closing = false;
  let closed: Promise<void> | undefined;

  const report = (failure: LineageFailure): void => {
    try {
      options.onError?.(failure);
    } catch {
      // A failing error reporter is ignored.
    }
  };

  const send = async (source: EngineEvent['type'], event: RunEvent): Promise<void> => {
    const started = performance.now();
    let status: 'success' | 'error' = 'success';
    try {
      await transport.emit(event);
    } catch (error) {
      status = 'error';
      report({ source, eventType: event.eventType, job: event.job.name, error: asError(error) });
    }
    try {
      metrics?.family('caesium_lineage_emit_duration_seconds').observe({ transport: transport.name }, (performance.now() - started) / 1000);
      metrics?.family('caesium_lineage_events_emitted_total').inc({ event_type: event.eventType, status });
    } catch (error) {
      report({ source, eventType: event.eventType, job: event.job.name, error: asError(error) });
    }
  };

  const deliver = async (event: EngineEvent): Promise<void> => {
    if (closing) return;
    let mapped: RunEvent[];
    try {
      mapped = mapEvent(event, { namespace, job: event.type === 'task_log' ? undefined : await lookup(event.jobId) });
    } catch (error) {
      report({ source: event.type, error: asError(error) });
      return;
    }
    for (const lineageEvent of mapped) if (!closing) await send(event.type, lineageEvent);
  };

  return {
    name: 'lineage',
    transport,
    ...(options.bufferSize === undefined ? {} : { bufferSize: options.bufferSize }),
    accepts: (event) => LINEAGE_SOURCE_EVENTS.has(event.type),
    handle(event: EngineEvent): Promise<void> {
      if (closing || !LINEAGE_SOURCE_EVENTS.has(event.type)) return Promise.resolve();
      chain = chain.then(() => deliver(event));
      return chain;
    },
    flush: () => chain,
    close() {
      closing = true;
      closed ??= (async () => {
        try {
          await transport.close();
        } catch (error) {
          report({ error: asError(error) });
        }
        await chain;
      })();
      return closed;
    },
  };
}
