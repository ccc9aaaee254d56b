/** A run's or task's status as a coloured badge with its word (colour is never the only sign). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}
