/**
 * Reads one task's log into a `LogBuffer`: the plain log once the task ended, or the live stream while it
 * runs, reconnecting when the connection drops (the buffer keeps every line once). Draws at most once a frame.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api.js';
import { LogBuffer, readPlainLog } from './log-buffer.js';
import type { LogSource } from './log-source.js';

export type LogPhase =
  | { phase: 'loading' }
  | { phase: 'following' }
  | { phase: 'reconnecting' }
  | { phase: 'ended'; status: string }
  | { phase: 'loaded'; truncated: boolean }
  | { phase: 'none'; state: string }
  | { phase: 'error'; message: string };

const RECONNECT_MS = 2000;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useTaskLog(source: LogSource, live: boolean, attempt: number, cap?: number) {
  const buffer = useMemo(() => new LogBuffer(cap), [source, cap]);
  const ended = useRef<string | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<LogPhase>({ phase: 'loading' });

  useEffect(() => {
    ended.current = undefined;
  }, [buffer]);

  useEffect(() => {
    const ac = new AbortController();
    const { signal } = ac;
    let frame: number | undefined;
    const draw = (): void => {
      if (frame !== undefined) return;
      frame = requestAnimationFrame(() => {
        frame = undefined;
        setVersion(buffer.version);
      });
    };
    const plain = async (): Promise<void> => {
      const log = await source.plain(signal);
      if (signal.aborted) return;
      if ('state' in log) return setState({ phase: 'none', state: log.state });
      readPlainLog(buffer, log.text, attempt);
      draw();
      setState({ phase: 'loaded', truncated: log.truncated });
    };
    const follow = async (): Promise<void> => {
      const handlers = {
        lines: (m: { attempt: number; line: number; text: string }) => (buffer.addLines(m.attempt, m.line, m.text), draw()),
        gap: (m: { attempt: number; lines: number; bytes: number }) => (buffer.addGap(m.attempt, m.lines, m.bytes), draw()),
        end: (m: { status: string }) => {
          ended.current = m.status;
          setState({ phase: 'ended', status: m.status });
        },
      };
      while (!signal.aborted && ended.current === undefined) {
        setState({ phase: 'following' });
        try {
          await source.follow(handlers, signal);
        } catch (error) {
          if (signal.aborted) return;
          // A server without live logs answers 400: read the plain log instead.
          if (error instanceof ApiError && error.status === 400) return plain();
          if (error instanceof ApiError && error.status !== 0) return setState({ phase: 'error', message: error.message });
        }
        if (signal.aborted || ended.current !== undefined) return;
        setState({ phase: 'reconnecting' });
        await sleep(RECONNECT_MS, signal);
      }
    };
    // Once the stream said the task ended, the buffer holds the whole log: nothing to read again.
    if (ended.current !== undefined) return;
    setState({ phase: 'loading' });
    (live ? follow() : plain()).catch((error: unknown) => {
      if (!signal.aborted) setState({ phase: 'error', message: messageOf(error) });
    });
    return () => {
      ac.abort();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [buffer, source, live, attempt]);

  return { buffer, version, state };
}
