/**
 * Real container engines for tests: whether Docker or Podman answers, the
 * require-or-skip rule of docs/architecture.md ("Tests"), and leak checks.
 *
 * `CAESIUM_TEST_REQUIRE_ENGINES=1` (CI): an engine that does not answer fails
 * the test file. Otherwise its suites are skipped, with the reason printed.
 * `scripts/test-engines.sh` brings both engines up on a Debian machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { dockerEndpoint, podmanEndpoint } from '../../src/runtime/container/engine-endpoint.js';
import type { EngineEndpoint } from '../../src/runtime/container/engine-endpoint.js';

export type ContainerEngine = 'docker' | 'podman';

/** The image the runtime tests run in (built by scripts/test-engines.sh). */
export const TEST_IMAGE = 'caesium-test/busybox';

export interface EngineStatus {
  engine: ContainerEngine;
  /** True when the engine's suites must be skipped. */
  skip: boolean;
  /** Why it cannot be used, when it cannot. */
  reason?: string;
}

/** True when absent engines must fail the tests (`CAESIUM_TEST_REQUIRE_ENGINES=1`). */
function enginesRequired(env = process.env): boolean {
  return env.CAESIUM_TEST_REQUIRE_ENGINES === '1';
}

/** The address the runtime would use for `engine`, from the environment. */
function endpointOf(engine: ContainerEngine, env = process.env): EngineEndpoint {
  return engine === 'docker' ? dockerEndpoint(env) : podmanEndpoint(env);
}

/** Calls the engine's API: the parsed JSON answer, or a rejection naming what failed. */
export function engineRequest(engine: ContainerEngine, path: string, method = 'GET'): Promise<{ status: number; body: unknown }> {
  const endpoint = endpointOf(engine);
  const client = endpoint.protocol === 'https' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        socketPath: endpoint.socketPath,
        host: endpoint.host,
        port: endpoint.port,
        path,
        method,
        timeout: 3_000,
        ca: endpoint.ca,
        cert: endpoint.cert,
        key: endpoint.key,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // _ping answers plain text
          }
          resolve({ status: response.statusCode ?? 0, body });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 3s')));
    request.on('error', reject);
    request.end();
  });
}

/** Whether `engine` answers and has the test image; the reason when not. */
async function probeEngine(engine: ContainerEngine): Promise<{ ok: boolean; reason?: string }> {
  const url = endpointOf(engine).url;
  try {
    const ping = await engineRequest(engine, '/_ping');
    if (ping.status !== 200) return { ok: false, reason: `${engine} at ${url} answered /_ping with HTTP ${ping.status}` };
    const image = await engineRequest(engine, `/images/${TEST_IMAGE}/json`);
    if (image.status !== 200) return { ok: false, reason: `${engine} at ${url} has no image ${TEST_IMAGE}` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `${engine} is not reachable at ${url} (${(error as Error).message})` };
  }
}

/**
 * Decides whether `engine`'s suites run. Reachable: `{skip: false}`. Not
 * reachable: throws when engines are required (the file fails with the
 * reason), else prints the reason and returns `{skip: true}` for
 * `describe.skipIf(status.skip)`.
 */
export async function requireEngine(engine: ContainerEngine): Promise<EngineStatus> {
  const probe = await probeEngine(engine);
  if (probe.ok) return { engine, skip: false };
  const reason = `${probe.reason ?? 'unavailable'}; run scripts/test-engines.sh (as root) to start it`;
  if (enginesRequired()) throw new Error(`${engine} is required (CAESIUM_TEST_REQUIRE_ENGINES=1) but ${reason}`);
  console.warn(`[caesium tests] skipping ${engine} suites: ${reason}`);
  return { engine, skip: true, reason };
}

/**
 * Containers labelled `caesium.managed=true` that still exist: of one run (`caesium.run-id`) when `of` is a
 * string, of one job (`caesium.job`, its alias) with `{ job }`. Test files run in parallel: a leak check
 * names what it started, or it sees the containers of another file's run in flight.
 */
export async function managedContainers(engine: ContainerEngine, of?: string | { job: string }): Promise<string[]> {
  const scope = of === undefined ? [] : typeof of === 'string' ? [`caesium.run-id=${of}`] : [`caesium.job=${of.job}`];
  const label = ['caesium.managed=true', ...scope];
  const filters = encodeURIComponent(JSON.stringify({ label }));
  const answer = await engineRequest(engine, `/containers/json?all=1&filters=${filters}`);
  if (answer.status !== 200) throw new Error(`${engine} container list failed with HTTP ${answer.status}`);
  return (answer.body as { Id: string; Names?: string[]; State?: string }[]).map((c) => `${c.Names?.[0] ?? c.Id} (${c.State ?? '?'})`);
}

/** One process as /proc shows it. */
export interface ProcessInfo {
  pid: number;
  command: string;
  state: string;
  ppid: number;
  pgrp: number;
}

/** Every live (not zombie) process on the machine. */
export function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state = '?', ppid = '0', pgrp = '0'] = stat.slice(close + 2).split(' ');
    if (state === 'Z' || state === 'X') continue;
    found.push({ pid: Number(entry), command: stat.slice(stat.indexOf('(') + 1, close), state, ppid: Number(ppid), pgrp: Number(pgrp) });
  }
  return found;
}

/** Live processes in any of the process groups `pgids`. */
export function processesInGroups(pgids: number[]): ProcessInfo[] {
  const wanted = new Set(pgids);
  return processes().filter((p) => wanted.has(p.pgrp));
}

/** Live child processes of `ppid` (default: this test process). */
export function childProcesses(ppid = process.pid): ProcessInfo[] {
  return processes().filter((p) => p.ppid === ppid);
}

/** Polls `check` until it returns an empty list or `timeoutMs` passes; returns the last answer. */
export async function settle<T>(check: () => T[] | Promise<T[]>, timeoutMs = 5_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let left = await check();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await check();
  }
  return left;
}
