/** The built CLI as a child process whose output can be awaited while it runs. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type CliResult } from '../../support/cli.js';

const BIN = join(ROOT, 'bin', 'caesium.js');

export interface CliChild {
  /** Resolves once stdout (or stderr) contains `text`; rejects if the CLI exits first. */
  waitFor(stream: 'stdout' | 'stderr', text: string): Promise<void>;
  done: Promise<CliResult>;
}

/** Starts `caesium <args>`. */
export function startCli(args: string[]): CliChild {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.setEncoding('utf8').on('data', (s: string) => ((out.stdout += s), wake()));
  child.stderr.setEncoding('utf8').on('data', (s: string) => ((out.stderr += s), wake()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, ...out }));
  });
  return {
    async waitFor(stream, text) {
      while (!out[stream].includes(text)) {
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          done.then(() => Promise.reject(new Error(`exited before printing ${text}: ${out.stderr}`))),
        ]);
      }
    },
    done,
  };
}
