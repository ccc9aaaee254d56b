/** What the HTTP app's routes share. */
import type { Store } from '../engine/ports/store.js';
import type { CaesiumMetrics } from '../observe/metrics/create-metrics.js';
import type { JobViews } from './job-views.js';
import type { RunLauncher } from './run-launcher.js';

export interface AppDeps {
  store: Store;
  views: JobViews;
  launcher: RunLauncher;
  metrics: CaesiumMetrics;
  /** Milliseconds since the epoch (the clock of `created_at`/`updated_at` and uptime). */
  now: () => number;
  /** When the server started (ms since the epoch). */
  startedAt: number;
}
