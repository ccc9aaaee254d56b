import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (where bin/ and dist/ live). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const BIN = fileURLToPath(new URL('../../bin/caesium.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to (or, with `undefined`, removed from) the child's environment. */
  env?: Record<string, string | undefined>;
  /** Working directory; the repository root by default. */
  cwd?: string;
  /** Arguments for node itself, before the script (e.g. `--import`). */
  nodeArgs?: string[];
}

/**
 * Runs the built CLI (`node bin/caesium.js …`) as a user would and captures
 * its output. Colours are off (`NO_COLOR=1`, no `FORCE_COLOR`) unless `env`
 * says otherwise. Fails loudly when `dist/` has not been built.
 */
export function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run \`npm run build\` before the CLI tests (npm test does it for you)`);
  }
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  for (const [k, v] of Object.entries(opts.env ?? {})) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null) reject(new Error(`caesium ${args.join(' ')} was killed by ${signal}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** The text split into lines, without the final empty one. */
export function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}
