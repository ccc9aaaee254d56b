/**
 * The webhook route's settings, read once from `CAESIUM_*` variables
 * (docs/decisions.md §16) and checked at the boundary: a bad value is a usage error
 * that names the variable.
 */
import { BlockList, isIP } from 'node:net';
import { UsageError } from '../../errors.js';
import { parseByteSize } from './byte-size.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface HookSettings {
  /** `CAESIUM_WEBHOOK_MAX_BODY_SIZE` (default `1MB`, 1 000 000 bytes): larger bodies get 413. */
  maxBodyBytes: number;
  /** `CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE` (default 120): tokens refilled per client IP per minute; ≤ 0 disables. */
  ratePerMinute: number;
  /** `CAESIUM_WEBHOOK_RATE_LIMIT_BURST` (default 20): bucket size per client IP; ≤ 0 disables. */
  burst: number;
  /** `CAESIUM_TRUSTED_PROXIES` (CIDRs or addresses): peers whose `X-Forwarded-For` names the client. */
  trustedProxies: BlockList | undefined;
  /** `CAESIUM_JOBDEF_SECRETS_ENABLE_ENV` (default true): `secret://env/NAME` secrets resolve. */
  envSecrets: boolean;
  /** Where `secret://env/NAME` is looked up (the server's environment). */
  env: Env;
}

/** Reads the settings from `env`; throws `UsageError` on the first bad value. */
export function hookSettingsFromEnv(env: Env): HookSettings {
  return {
    maxBodyBytes: bodySize(env.CAESIUM_WEBHOOK_MAX_BODY_SIZE),
    ratePerMinute: integer(env.CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE, 'CAESIUM_WEBHOOK_RATE_LIMIT_PER_MINUTE', 120),
    burst: integer(env.CAESIUM_WEBHOOK_RATE_LIMIT_BURST, 'CAESIUM_WEBHOOK_RATE_LIMIT_BURST', 20),
    trustedProxies: proxies(env.CAESIUM_TRUSTED_PROXIES),
    envSecrets: bool(env.CAESIUM_JOBDEF_SECRETS_ENABLE_ENV, 'CAESIUM_JOBDEF_SECRETS_ENABLE_ENV', true),
    env,
  };
}

function text(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function bodySize(raw: string | undefined): number {
  const v = text(raw);
  if (v === undefined) return 1_000_000;
  const bytes = parseByteSize(v);
  if (bytes === undefined || bytes <= 0) {
    throw new UsageError(`CAESIUM_WEBHOOK_MAX_BODY_SIZE must be a size above 0 such as 1MB, 512KiB or 65536; got "${raw}"`);
  }
  return bytes;
}

function integer(raw: string | undefined, name: string, fallback: number): number {
  const v = text(raw);
  if (v === undefined) return fallback;
  if (!/^-?\d+$/.test(v))
    throw new UsageError(`${name} must be a whole number; got "${raw}"`, '0 or less turns the webhook rate limit off');
  return Number(v);
}

/** Go's strconv.ParseBool. */
function bool(raw: string | undefined, name: string, fallback: boolean): boolean {
  const v = text(raw);
  if (v === undefined) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new UsageError(`${name} must be true or false; got "${raw}"`);
}

function proxies(raw: string | undefined): BlockList | undefined {
  const v = text(raw);
  if (v === undefined) return undefined;
  const list = new BlockList();
  for (const entry of v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new UsageError(`CAESIUM_TRUSTED_PROXIES must be a comma list of addresses or CIDRs such as 10.0.0.0/8; got "${entry}"`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}
