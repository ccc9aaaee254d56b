/** The Backfills page (placeholder of the scaffold). */
export default function BackfillsPage() {
  return <h1>Backfills</h1>;
}
