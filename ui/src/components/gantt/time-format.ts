/** Times as the UI shows them: the browser's zone on screen, UTC (ISO 8601) on hover. */

/** `14:03:07` in the browser's zone (with the date when it is not today). */
export function localTime(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date(now).toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

/** `2026-12-02T13:03:07.000Z`. */
export const utcTime = (ms: number): string => new Date(ms).toISOString();

/** A short duration: `850 ms`, `12.4 s`, `3 m 05 s`, `2 h 07 m`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}
