/**
 * The `vault` provider: one read of a KV v2 secret over Vault's HTTP API.
 *
 * `secret://vault/<mount>/data/<path>/<field>` (or `…/<path>?field=<field>`)
 * reads `GET <address>/v1/<mount>/data/<path>` with `X-Vault-Token` (and
 * `X-Vault-Namespace`) and takes `data.data.<field>` of the answer (a KV v1
 * answer's `data.<field>` too), as the original does.
 */
import { readFile } from 'node:fs/promises';
import type { VaultSettings } from './secret-config.js';
import type { SecretResult } from './resolver.js';
import { errorText } from '../../errors.js';

const TIMEOUT_MS = 10_000;

/** Reads the field a vault reference names. */
export async function readVaultSecret(settings: VaultSettings, reference: string): Promise<SecretResult> {
  const target = vaultTarget(reference);
  if ('problem' in target) return { ok: false, problem: target.problem };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (settings.token !== '') headers['x-vault-token'] = settings.token;
  if (settings.namespace !== '') headers['x-vault-namespace'] = settings.namespace;
  const url = `${settings.address}/v1/${target.path.split('/').map(encodeURIComponent).join('/')}`;
  let status: number;
  let text: string;
  try {
    const { request, Agent } = await import('undici');
    const tls = settings.caCertPath !== '' || settings.skipVerify;
    const ca = settings.caCertPath === '' ? undefined : await readFile(settings.caCertPath, 'utf8');
    const dispatcher = tls ? new Agent({ connect: { ca, rejectUnauthorized: !settings.skipVerify } }) : undefined;
    const response = await request(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), ...(dispatcher ? { dispatcher } : {}) });
    status = response.statusCode;
    text = await response.body.text();
    await dispatcher?.close();
  } catch (error) {
    return { ok: false, problem: `vault at ${settings.address} could not be read: ${errorText(error)}` };
  }
  if (status === 404) return { ok: false, problem: `vault secret ${target.path} not found` };
  if (status !== 200) return { ok: false, problem: `vault answered ${status} reading ${target.path}` };
  const value = fieldOf(text, target.field);
  if (value === undefined) return { ok: false, problem: `vault secret ${target.path} has no field "${target.field}"` };
  return { ok: true, value };
}

/** The logical path and field of a reference's path part (after `secret://vault/`). */
function vaultTarget(pathPart: string): { path: string; field: string } | { problem: string } {
  const query = pathPart.indexOf('?');
  const params = new URLSearchParams(query < 0 ? '' : pathPart.slice(query + 1));
  const segments = (query < 0 ? pathPart : pathPart.slice(0, query)).split('/').filter((s) => s !== '');
  let field = params.get('field')?.trim() ?? '';
  if (field === '' && segments.length >= 2) field = segments.pop() ?? '';
  if (segments.length === 0) return { problem: 'the vault reference has no path (secret://vault/<mount>/data/<path>/<field>)' };
  if (field === '') return { problem: 'the vault reference names no field (add ?field=<name> or a last path segment)' };
  return { path: segments.join('/'), field };
}

function fieldOf(text: string, field: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const data = record(record(body)?.data);
  const value = record(data?.data)?.[field] ?? data?.[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
