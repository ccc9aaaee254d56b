/** The Atoms page (placeholder of the scaffold). */
export default function AtomsPage() {
  return <h1>Atoms</h1>;
}
