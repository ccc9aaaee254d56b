/** Times in the browser's zone, the UTC time on hover; durations as people read them. */

const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A time shown in the browser's zone; its UTC form in the tooltip. */
export function Time({ iso }: { iso: string | undefined }) {
  if (iso === undefined || iso === '') return <span className="muted">—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const utc = date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return (
    <time dateTime={date.toISOString()} title={utc}>
      {local.format(date)}
    </time>
  );
}

/** `1h 2m`, `3m 4s`, `5.2s`, `120ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s % 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** How long something started at `start` ran: until `end`, or until `now` while it runs. */
export function elapsed(start: string | undefined, end: string | undefined, now: number = Date.now()): string {
  if (start === undefined) return '—';
  const to = end === undefined ? now : Date.parse(end);
  return formatDuration(to - Date.parse(start));
}
