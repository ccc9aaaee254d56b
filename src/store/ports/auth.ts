/**
 * What authentication keeps in the store (docs/decisions.md D14): API keys,
 * known only by their hash, and the audit log.
 */

/** The roles, lowest first: each one may do what the ones before it may. */
export const ROLES = ['viewer', 'runner', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A stored API key (never its plaintext). */
export interface ApiKeyRecord {
  id: string;
  /** The first characters of the key, shown to people and used as the audit actor. */
  keyPrefix: string;
  keyHash: string;
  role: Role;
  description?: string;
  /** Job aliases the key is limited to; undefined: every job. */
  scopeJobs?: string[];
  createdBy?: string;
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/** One audited request or failed authentication. */
export interface AuditRecord {
  id: string;
  at: string;
  /** A key prefix, or `anonymous`. */
  actor: string;
  /** `METHOD /route` or `auth.failed`. */
  action: string;
  /** The request path. */
  target: string;
  /** `ok`, `denied`, `failed` or the failure reason. */
  result: string;
  status: number;
  clientIp: string;
}

export interface AuditQuery {
  since?: string;
  actor?: string;
  action?: string;
  limit: number;
}

export interface AuthQueries {
  insertKey(key: ApiKeyRecord): Promise<void>;
  /** The key with this hash, whatever its state. */
  keyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  key(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, newest first. */
  keys(): Promise<ApiKeyRecord[]>;
  /** Whether an admin key exists that is neither revoked nor expired at `now`. */
  hasLiveAdmin(now: string): Promise<boolean>;
  /** Sets `revoked_at` on a key not yet revoked; false when there was none. */
  revoke(id: string, at: string): Promise<boolean>;
  setExpiry(id: string, expiresAt: string): Promise<void>;
  touch(id: string, at: string): Promise<void>;
  appendAudit(record: AuditRecord): Promise<void>;
  /** Audit rows, newest first. */
  audit(query: AuditQuery): Promise<AuditRecord[]>;
}
