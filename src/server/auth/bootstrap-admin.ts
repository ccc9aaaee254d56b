/**
 * The first start in api-key mode: with no live admin key, one is minted and
 * printed once on standard output in a banner, never in the log, so that
 * the operator can create every other key with it.
 */
import type { Store } from '../../store/ports/store.js';
import { mintKey } from './key-service.js';

const RULE = '='.repeat(58);

/** Mints and prints the first admin key when none is live; returns whether it did. */
export async function bootstrapAdminKey(store: Store, secret: string, now: number, print: (text: string) => void): Promise<boolean> {
  const at = new Date(now).toISOString();
  if (await store.auth.hasLiveAdmin(at)) return false;
  const { plaintext } = await mintKey(store, secret, { role: 'admin', description: 'bootstrap admin key' }, at);
  print(`${RULE}\n  BOOTSTRAP ADMIN API KEY (shown once, save it now):\n  ${plaintext}\n${RULE}\n`);
  return true;
}
