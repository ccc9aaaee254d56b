/**
 * Events of the other nodes, for this node's SSE clients (`GET /v1/events`, docs/multi-node.md).
 *
 * Every node stores its events in the shared `execution_events`; this feed reads
 * the new ones every `intervalMs` and offers those this node did not publish
 * itself to subscribers of its own bus. Only the SSE streams subscribe to it:
 * metrics, callbacks and lineage keep hearing this node's events alone, so a
 * callback still fires once, on the node that ended the run.
 */
import { createEventBus } from '../../observe/event-bus.js';
import type { BusSubscriber } from '../../observe/bus-subscriber.js';
import type { ClusterQueries } from '../../store/ports/cluster.js';
import type { Store } from '../../store/ports/store.js';
import { errorText } from '../../errors.js';

export interface RemoteEventsDeps {
  store: Store;
  cluster: ClusterQueries;
  /** Subscribes to this node's own bus (to recognise its events). */
  subscribeLocal: (subscriber: BusSubscriber) => () => void;
  /** Runs this node drives (their events are its own). */
  drivenRunIds: () => readonly string[];
  log: (line: string) => void;
  intervalMs?: number;
}

/** The feed: `subscribe` like the bus's, `stop` ends polling. */
export interface RemoteEvents {
  subscribe(subscriber: BusSubscriber): () => void;
  stop(): Promise<void>;
}

const PAGE = 500;

/** Starts following the events of the other nodes from the newest stored one. */
export async function startRemoteEvents(deps: RemoteEventsDeps): Promise<RemoteEvents> {
  const bus = createEventBus({
    onError: (f) => deps.log(`caesium server: event subscriber ${f.subscriber} failed: ${errorText(f.error)}`),
  });
  const local = new Set<number>();
  const unsubscribeLocal = deps.subscribeLocal({
    name: 'cluster-local-events',
    handle: (event) => {
      if (event.sequence > 0) local.add(event.sequence);
    },
  });
  let cursor = await deps.cluster.lastEventSequence();
  let polling = false;
  let failing = false;
  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      for (;;) {
        const page = await deps.store.events.list({ after: cursor, limit: PAGE });
        const driven = new Set(deps.drivenRunIds());
        for (const event of page) {
          cursor = Math.max(cursor, event.sequence);
          if (local.delete(event.sequence) || driven.has(event.runId)) continue;
          bus.sink(event);
        }
        for (const seq of local) if (seq <= cursor) local.delete(seq);
        if (page.length < PAGE) break;
      }
      failing = false;
    } catch (error) {
      if (!failing) deps.log(`caesium server: reading other nodes' events failed: ${errorText(error)} (retrying)`);
      failing = true;
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), deps.intervalMs ?? 500);
  timer.unref();
  return {
    subscribe: (subscriber) => bus.subscribe(subscriber),
    async stop() {
      clearInterval(timer);
      unsubscribeLocal();
      await bus.close({ timeoutMs: 1000 });
    },
  };
}
