import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where a Docker-compatible API listens, as dockerode's connection options. */
export interface EngineEndpoint {
  /** As configured, for messages: `unix:///var/run/docker.sock`, `tcp://host:2375`. */
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

type Env = Record<string, string | undefined>;

const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';
const ROOT_PODMAN_SOCKET = '/run/podman/podman.sock';

/** Docker: `CAESIUM_DOCKER_HOST`, else `DOCKER_HOST`, else the default socket. */
export function dockerEndpoint(env: Env): EngineEndpoint {
  return parseEndpoint(nonEmpty(env.CAESIUM_DOCKER_HOST) ?? nonEmpty(env.DOCKER_HOST) ?? `unix://${DEFAULT_DOCKER_SOCKET}`, env);
}

/**
 * Podman's Docker-compatible API: `CAESIUM_PODMAN_URI` or `CAESIUM_SOCK` when
 * set; otherwise the first existing socket of `/run/podman/podman.sock` (root
 * only), `$XDG_RUNTIME_DIR/podman/podman.sock`, `/run/user/$UID/podman/podman.sock`
 * (the first of them when none exists yet).
 */
export function podmanEndpoint(env: Env, uid = process.getuid?.() ?? -1, exists: (file: string) => boolean = existsSync): EngineEndpoint {
  const configured = nonEmpty(env.CAESIUM_PODMAN_URI) ?? nonEmpty(env.CAESIUM_SOCK);
  if (configured !== undefined) return parseEndpoint(configured, env);
  const candidates: string[] = [];
  if (uid === 0) candidates.push(ROOT_PODMAN_SOCKET);
  const xdg = nonEmpty(env.XDG_RUNTIME_DIR);
  if (xdg !== undefined) candidates.push(path.join(xdg, 'podman', 'podman.sock'));
  if (uid >= 0) candidates.push(`/run/user/${uid}/podman/podman.sock`);
  const socket = candidates.find(exists) ?? candidates[0] ?? ROOT_PODMAN_SOCKET;
  return parseEndpoint(`unix://${socket}`, env);
}

/**
 * `unix:///path` (or a bare absolute path), `tcp://host:port`, `http://`, `https://`.
 * TLS as with the docker CLI: `DOCKER_TLS_VERIFY=1` or port 2376, certificates from `DOCKER_CERT_PATH`.
 */
export function parseEndpoint(url: string, env: Env = {}): EngineEndpoint {
  if (url.startsWith('/')) return { url: `unix://${url}`, socketPath: url };
  if (url.startsWith('unix://')) return { url, socketPath: url.slice('unix://'.length) || DEFAULT_DOCKER_SOCKET };
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || !['tcp:', 'http:', 'https:'].includes(parsed.protocol) || parsed.hostname === '') {
    throw new Error(`unsupported engine address "${url}": use unix:///path/to.sock or tcp://host:port`);
  }
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 2376 : 2375) : Number(parsed.port);
  const tls = parsed.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1' || port === 2376;
  const endpoint: EngineEndpoint = { url, host: parsed.hostname, port, protocol: tls ? 'https' : 'http' };
  const certs = nonEmpty(env.DOCKER_CERT_PATH);
  if (tls && certs !== undefined) {
    endpoint.ca = readFileSync(path.join(certs, 'ca.pem'));
    endpoint.cert = readFileSync(path.join(certs, 'cert.pem'));
    endpoint.key = readFileSync(path.join(certs, 'key.pem'));
  }
  return endpoint;
}

/** Trimmed value, undefined when unset or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
