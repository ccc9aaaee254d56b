// Shared helpers for the benchmarks: timing child processes and printing ratios.
import { spawnSync } from 'node:child_process';

/** Runs `cmd args` `n` times and returns the wall times in ms (the first, warm-up run discarded). */
export function timeRuns(cmd, args, { n = 5, ...options } = {}) {
  const times = [];
  for (let i = 0; i <= n; i++) {
    const ms = timeOnce(cmd, args, options);
    if (i > 0) times.push(ms);
  }
  return times;
}

/** Runs `cmd args` once and returns its wall time in ms; throws when it exits other than `expectCode`. */
export function timeOnce(cmd, args, { env = process.env, cwd = process.cwd(), expectCode = 0 } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== expectCode) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${String(r.stderr ?? '').slice(0, 2000)}`);
  }
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints one comparison row and returns whether the ratio meets the target. */
export function report(label, measured, baseline, target) {
  const ratio = measured / baseline;
  const ok = ratio <= target;
  console.log(
    `${label.padEnd(44)} ${measured.toFixed(1).padStart(9)} ms  vs ${baseline.toFixed(1).padStart(9)} ms  ratio ${ratio.toFixed(2)}×  target ≤ ${target}×  ${ok ? 'OK' : 'MISSED'}`,
  );
  return ok;
}
