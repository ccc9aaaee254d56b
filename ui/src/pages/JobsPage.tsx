/** The Jobs page (placeholder of the scaffold). */
export default function JobsPage() {
  return <h1>Jobs</h1>;
}
