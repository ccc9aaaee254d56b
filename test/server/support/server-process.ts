/**
 * `node bin/caesium.js server` as a child process, as an operator starts it:
 * CAESIUM_PORT=0 (the startup line names the port it got), a temp SQLite file.
 * Every process started is tracked so a suite can assert none is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/caesium.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));
const started = new Set<ChildProcess>();

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a server process with `env` added; resolves once it logged its URL
 * and (over plain HTTP) `/health` answers.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [BIN, 'server'], {
    env: { ...process.env, NO_COLOR: '1', CAESIUM_PORT: '0', CAESIUM_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => started.delete(child));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15_000);
    const check = (): void => {
      const m = /listening on (https?:\/\/\S+)/.exec(stderr);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stderr.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  if (url.startsWith('http:')) {
    const health = await fetch(`${url}/health`);
    if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
  }
  return {
    url,
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      return exited;
    },
  };
}

/** Server processes started and not yet exited. */
export function liveServers(): number {
  return [...started].filter((c) => c.exitCode === null && c.signalCode === null).length;
}

/** Kills whatever is still running (for afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...started].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}
