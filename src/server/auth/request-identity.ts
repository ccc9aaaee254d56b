/** Who made a request, as the auth middleware found out, for the audit middleware and the key routes. */
import type { ApiKeyRecord } from '../../store/ports/auth.js';

export interface RequestIdentity {
  /** The key, when one authenticated the request. */
  key?: ApiKeyRecord;
  /** Why authentication failed, when it did. */
  failure?: string;
}

const identities = new WeakMap<Request, RequestIdentity>();

/** Records `identity` for `request`. */
export function setIdentity(request: Request, identity: RequestIdentity): void {
  identities.set(request, identity);
}

/** What the auth middleware recorded for `request` (nothing in `none` mode). */
export const identityOf = (request: Request): RequestIdentity => identities.get(request) ?? {};

/** The audit actor: the key's display prefix, or `anonymous`. */
export const actorOf = (request: Request): string => identityOf(request).key?.keyPrefix ?? 'anonymous';
