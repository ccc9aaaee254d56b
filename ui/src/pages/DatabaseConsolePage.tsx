/** The DatabaseConsole page (placeholder of the scaffold). */
export default function DatabaseConsolePage() {
  return <h1>DatabaseConsole</h1>;
}
