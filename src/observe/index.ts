/** The observe room's public surface: the event bus, Prometheus metrics and OpenLineage. */
export { createEventBus, type BusSubscriber, type EventBus, type EventBusOptions, type SubscriberFailure } from './event-bus.js';
export { DEFAULT_BUFFER_SIZE } from './subscriber-queue.js';
export type { JobLookup, JobProvenance, ObservedJob } from './job-info.js';
export { CAESIUM_FAMILIES, LINEAGE_FAMILIES, type MetricFamily, type MetricKind } from './metrics/families.js';
export { createMetrics, enableLineageMetrics, type CaesiumMetrics, type CreateMetricsOptions, type FamilyName, type MetricOf } from './metrics/create-metrics.js';
export { createMetricsSubscriber } from './metrics/metrics-subscriber.js';
export { readMetric, type LabelMatch } from './metrics/read-metric.js';
export { createLineageEmitter, type LineageEmitter, type LineageEmitterOptions, type LineageFailure } from './lineage/emitter.js';
export { lineageConfigFromEnv, DEFAULT_LINEAGE_NAMESPACE, type LineageConfig, type LineageConfigResult, type LineageTransportKind } from './lineage/config.js';
export { lineageFromEnv, createLineageTransport, type LineageSetup, type TransportIo } from './lineage/lineage-from-env.js';
export { mapEvent, LINEAGE_SOURCE_EVENTS } from './lineage/map-event.js';
export type * from './lineage/run-event.js';
export type { LineageTransport } from './lineage/transports/transport.js';
export { createHttpTransport, type HttpTransportOptions } from './lineage/transports/http.js';
export { createFileTransport, DEFAULT_LINEAGE_FILE } from './lineage/transports/file.js';
export { createConsoleTransport } from './lineage/transports/console.js';
export { createRecordingTransport, type RecordingTransport } from './lineage/transports/recording.js';
