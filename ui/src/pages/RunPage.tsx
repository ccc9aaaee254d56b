/** The Run page (placeholder of the scaffold). */
export default function RunPage() {
  return <h1>Run</h1>;
}
