/** Whether a bind address only reaches this machine. */
import { isIP } from 'node:net';

/** `localhost`, `127.0.0.0/8` and `::1` are loopback; everything else (including `0.0.0.0`) is not. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}
