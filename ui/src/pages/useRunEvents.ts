/**
 * A run kept live: its JSON refetched (at most every 300 ms) whenever `GET /v1/events` says something happened
 * to it, and the events themselves (the timeline draws retried attempts from them). The stream replays the run's
 * events from the first (`cursor=0`), also for a run that already ended, so its timeline shows every attempt,
 * and stays open, so a retry started elsewhere shows up here.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventJson } from '../../../src/api/index.js';
import { follow } from '../lib/sse.js';

export function useRunEvents(jobId: string, runId: string): { events: EventJson[]; connected: boolean } {
  const client = useQueryClient();
  const [events, setEvents] = useState<EventJson[]>([]);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void client.invalidateQueries({ queryKey: ['run', jobId, runId] });
      }, 300);
    };
    const url = `/v1/events?run_id=${encodeURIComponent(runId)}&cursor=0`;
    void follow(
      url,
      (m) => {
        if (typeof m.data !== 'object' || m.data === null) return;
        const event = m.data as EventJson;
        setEvents((es) => (event.sequence !== undefined && es.some((e) => e.sequence === event.sequence) ? es : [...es, event]));
        refresh();
      },
      abort.signal,
      () => {
        setConnected(true);
        refresh();
      },
    );
    return () => {
      abort.abort();
      setConnected(false);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, jobId, runId]);
  return { events, connected };
}
