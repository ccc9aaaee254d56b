/** Minting keys: one function for the first-start admin key, `POST /v1/auth/keys` and rotation. */
import { randomUUID } from 'node:crypto';
import type { ApiKeyJson } from '../../api/auth.js';
import type { ApiKeyRecord, Role, Store } from '../../store/ports/store.js';
import { displayPrefix, generateKey, hmacHash, legacyHash } from './api-key.js';

export interface NewKey {
  role: Role;
  description?: string;
  scopeJobs?: string[];
  expiresAt?: string;
  createdBy?: string;
}

/** Stores a new key; returns its plaintext (shown once) and its record. */
export async function mintKey(
  store: Store,
  secret: string,
  spec: NewKey,
  now: string,
): Promise<{ plaintext: string; record: ApiKeyRecord }> {
  const plaintext = generateKey();
  const record: ApiKeyRecord = {
    id: randomUUID(),
    keyPrefix: displayPrefix(plaintext),
    keyHash: secret === '' ? legacyHash(plaintext) : hmacHash(secret, plaintext),
    createdAt: now,
    ...spec,
  };
  await store.auth.insertKey(record);
  return { plaintext, record };
}

/** A key as the API shows it. */
export function apiKeyJson(key: ApiKeyRecord): ApiKeyJson {
  return {
    id: key.id,
    key_prefix: key.keyPrefix,
    ...(key.description === undefined ? {} : { description: key.description }),
    role: key.role,
    ...(key.scopeJobs === undefined ? {} : { scope: { jobs: key.scopeJobs } }),
    ...(key.createdBy === undefined ? {} : { created_by: key.createdBy }),
    created_at: key.createdAt,
    ...(key.expiresAt === undefined ? {} : { expires_at: key.expiresAt }),
    ...(key.lastUsedAt === undefined ? {} : { last_used_at: key.lastUsedAt }),
    ...(key.revokedAt === undefined ? {} : { revoked_at: key.revokedAt }),
  };
}
