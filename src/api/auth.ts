/** API keys and the audit log on the wire (`/v1/auth/*`, docs/decisions.md §12). */

/** A key as lists show it: never its plaintext or hash. */
export interface ApiKeyJson {
  id: string;
  key_prefix: string;
  description?: string;
  role: string;
  scope?: { jobs: string[] };
  created_by?: string;
  created_at: string;
  expires_at?: string;
  last_used_at?: string;
  revoked_at?: string;
}

/** `POST /v1/auth/keys`. */
export interface CreateKeyRequestJson {
  role: string;
  description?: string;
  scope?: { jobs: string[] };
  /** `30d`, `12h`, … */
  expires_in?: string;
}

/** `POST /v1/auth/keys/:id/rotate`. */
export interface RotateKeyRequestJson {
  /** How long the old key keeps working (default `24h`). */
  grace_period?: string;
}

/** `201` of create and rotate: the plaintext key, shown this once. */
export interface CreatedKeyJson {
  key: string;
  api_key: ApiKeyJson;
}

/** One row of `GET /v1/auth/audit`. */
export interface AuditEntryJson {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  result: string;
  status: number;
  client_ip: string;
}

/** The JSON Schema of the create body. */
export const CREATE_KEY_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: {
    role: { type: 'string' },
    description: { type: 'string' },
    scope: {
      type: 'object',
      additionalProperties: false,
      required: ['jobs'],
      properties: { jobs: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
    },
    expires_in: { type: 'string' },
  },
};

/** The JSON Schema of the rotate body. */
export const ROTATE_KEY_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: { grace_period: { type: 'string' } },
};

/**
 * `GET /v1/auth/whoami`: who the request's key is. With auth off every caller may do everything (`role` is
 * `admin`, `auth` false); the UI disables what the role may not do.
 */
export interface WhoamiJson {
  auth: boolean;
  role: string;
  key_prefix?: string;
  description?: string;
  scope?: { jobs: string[] };
}
