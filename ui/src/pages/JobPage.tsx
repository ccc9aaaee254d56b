/** The Job page (placeholder of the scaffold). */
export default function JobPage() {
  return <h1>Job</h1>;
}
