/**
 * OpenLineage settings from `CAESIUM_OPEN_LINEAGE_*` (docs/decisions.md §16). A bad
 * value is a clear message for the caller to log; lineage then stays off and
 * the run goes on (docs/decisions.md §6).
 */
import { parseDuration } from '../../jobdef/duration.js';
import { DEFAULT_LINEAGE_FILE } from './transports/file.js';
import { DEFAULT_HTTP_ATTEMPTS, DEFAULT_HTTP_TIMEOUT_MS } from './transports/http.js';

export const LINEAGE_TRANSPORTS = ['http', 'console', 'file'] as const;
/** A configurable transport. */
export type LineageTransportKind = (typeof LINEAGE_TRANSPORTS)[number];

/** Resolved OpenLineage settings. */
export interface LineageConfig {
  enabled: boolean;
  transport: LineageTransportKind;
  /** Required for `http`; trailing `/` trimmed. */
  url: string;
  namespace: string;
  headers: Record<string, string>;
  filePath: string;
  timeoutMs: number;
  /** Attempts in total (0 in the environment means the default, 3). */
  retryAttempts: number;
}

/** The settings, or why they are unusable. */
export type LineageConfigResult = { ok: true; config: LineageConfig } | { ok: false; error: string };

export const DEFAULT_LINEAGE_NAMESPACE = 'caesium';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the settings. Disabled (the default) succeeds whatever the other
 * variables hold; when enabled, every value is checked and every problem is
 * reported in one message, each naming its variable.
 */
export function lineageConfigFromEnv(env: Env): LineageConfigResult {
  const problems: string[] = [];
  const enabled = parseBool(env.CAESIUM_OPEN_LINEAGE_ENABLED, 'CAESIUM_OPEN_LINEAGE_ENABLED', problems);
  if (problems.length > 0) return fail(problems);
  const transport = (value(env.CAESIUM_OPEN_LINEAGE_TRANSPORT) ?? 'http').toLowerCase();
  const config: LineageConfig = {
    enabled,
    transport: isTransport(transport) ? transport : 'http',
    url: (value(env.CAESIUM_OPEN_LINEAGE_URL) ?? '').replace(/\/+$/, ''),
    namespace: value(env.CAESIUM_OPEN_LINEAGE_NAMESPACE) ?? DEFAULT_LINEAGE_NAMESPACE,
    headers: parseHeaders(env.CAESIUM_OPEN_LINEAGE_HEADERS ?? '', problems),
    filePath: value(env.CAESIUM_OPEN_LINEAGE_FILE_PATH) ?? DEFAULT_LINEAGE_FILE,
    timeoutMs: parseTimeout(env.CAESIUM_OPEN_LINEAGE_TIMEOUT, problems),
    retryAttempts: parseAttempts(env.CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS, problems),
  };
  // Settings of a disabled lineage are not its problem.
  if (!enabled) return { ok: true, config };
  if (!isTransport(transport)) {
    problems.unshift(`CAESIUM_OPEN_LINEAGE_TRANSPORT: unsupported transport "${transport}" (use http, console or file)`);
  } else if (transport === 'http') {
    if (config.url === '') problems.unshift('CAESIUM_OPEN_LINEAGE_URL is required for the http transport');
    else if (!isHttpUrl(config.url)) problems.unshift(`CAESIUM_OPEN_LINEAGE_URL: "${config.url}" is not an http(s) URL`);
  }
  return problems.length > 0 ? fail(problems) : { ok: true, config };
}

function fail(problems: string[]): LineageConfigResult {
  return { ok: false, error: `OpenLineage disabled: ${problems.join('; ')}` };
}

function value(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t === undefined || t === '' ? undefined : t;
}

function isTransport(text: string): text is LineageTransportKind {
  return (LINEAGE_TRANSPORTS as readonly string[]).includes(text);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Go's `strconv.ParseBool` words. */
function parseBool(text: string | undefined, name: string, problems: string[]): boolean {
  const t = value(text);
  if (t === undefined) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(t)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(t)) return false;
  problems.push(`${name}: "${t}" is not a boolean (use true or false)`);
  return false;
}

/** `k=v,k2=v2`; a value may hold `=`; an empty pair is ignored. */
function parseHeaders(text: string, problems: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at < 0 ? '' : pair.slice(0, at).trim();
    if (key === '' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      problems.push(`CAESIUM_OPEN_LINEAGE_HEADERS: "${pair.trim()}" is not a name=value pair`);
      continue;
    }
    headers[key] = pair.slice(at + 1).trim();
  }
  return headers;
}

function parseTimeout(text: string | undefined, problems: string[]): number {
  const t = value(text);
  if (t === undefined) return DEFAULT_HTTP_TIMEOUT_MS;
  const ms = parseDuration(t);
  if (ms === undefined || ms <= 0) {
    problems.push(`CAESIUM_OPEN_LINEAGE_TIMEOUT: "${t}" is not a positive duration (e.g. 5s, 500ms)`);
    return DEFAULT_HTTP_TIMEOUT_MS;
  }
  return ms;
}

function parseAttempts(text: string | undefined, problems: string[]): number {
  const t = value(text);
  if (t === undefined) return DEFAULT_HTTP_ATTEMPTS;
  if (!/^\d+$/.test(t)) {
    problems.push(`CAESIUM_OPEN_LINEAGE_RETRY_ATTEMPTS: "${t}" is not a whole number`);
    return DEFAULT_HTTP_ATTEMPTS;
  }
  const n = Number(t);
  return n === 0 ? DEFAULT_HTTP_ATTEMPTS : n;
}
