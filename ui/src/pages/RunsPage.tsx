/** The Runs page (placeholder of the scaffold). */
export default function RunsPage() {
  return <h1>Runs</h1>;
}
