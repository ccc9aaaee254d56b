/** The Stats page (placeholder of the scaffold). */
export default function StatsPage() {
  return <h1>Stats</h1>;
}
