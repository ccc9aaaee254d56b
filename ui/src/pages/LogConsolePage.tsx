/** The LogConsole page (placeholder of the scaffold). */
export default function LogConsolePage() {
  return <h1>LogConsole</h1>;
}
