/**
 * The client address a request's rate limit is kept under: the socket peer,
 * or, when that peer is a trusted proxy (`CAESIUM_TRUSTED_PROXIES`), the
 * nearest `X-Forwarded-For` entry that is not itself a trusted proxy.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { isIP, type BlockList } from 'node:net';

/** The client address of `c`; `unknown` when there is no socket (an in-process request). */
export function clientIp(c: Context, trusted: BlockList | undefined): string {
  const peer = socketAddress(c);
  if (peer === undefined) return 'unknown';
  if (trusted === undefined || !isTrusted(trusted, peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = unmapped(forwarded[i]!);
    if (isIP(hop) === 0) return peer; // a malformed chain: fall back to the peer we can see
    if (!isTrusted(trusted, hop)) return hop;
  }
  return forwarded.length > 0 ? unmapped(forwarded[0]!) : peer;
}

function socketAddress(c: Context): string | undefined {
  try {
    const address = getConnInfo(c).remote.address;
    return address === undefined ? undefined : unmapped(address);
  } catch {
    return undefined;
  }
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** `::ffff:10.0.0.1` → `10.0.0.1`. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
