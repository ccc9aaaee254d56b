/** The Nodes page (placeholder of the scaffold). */
export default function NodesPage() {
  return <h1>Nodes</h1>;
}
