/** The observe room's public surface: the event bus, Prometheus metrics and OpenLineage, as the harness uses them. */
export { createEventBus, type EventBus, type SubscriberFailure } from './event-bus.js';
export { createMetrics, type CaesiumMetrics } from './metrics/create-metrics.js';
export { createMetricsSubscriber } from './metrics/metrics-subscriber.js';
export { readMetric } from './metrics/read-metric.js';
export { createLineageEmitter, type LineageFailure } from './lineage/emitter.js';
export { createRecordingTransport } from './lineage/transports/recording.js';
