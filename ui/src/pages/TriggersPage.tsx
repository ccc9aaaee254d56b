/** The Triggers page (placeholder of the scaffold). */
export default function TriggersPage() {
  return <h1>Triggers</h1>;
}
