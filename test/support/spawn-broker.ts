import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The spawn broker's entry as built: node runs it, not vitest (`npm run build` first, as for the server-process suites). */
const BROKER_SCRIPT = fileURLToPath(new URL('../../dist/src/runtime/local/spawn-broker-main.js', import.meta.url));

/** Throws unless the broker was built. */
export function requireBrokerBuilt(): string {
  if (!existsSync(BROKER_SCRIPT)) throw new Error(`${BROKER_SCRIPT} is missing: run \`npm run build\` first`);
  return BROKER_SCRIPT;
}
