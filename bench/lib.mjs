// Shared helpers for the benchmarks: timing child processes and printing ratios.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${String(r.stderr ?? '').slice(0, 2000)}`,
    );
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

/**
 * CPU time (user + system, ms) used so far by this process's waited-for children,
 * from /proc/self/stat (Linux; 10 ms resolution). Undefined elsewhere.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 (cutime) and 17 (cstime), counted from 1 with pid at 1 and state at 3.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Times several commands the same number of times, interleaved (a, b, a, b, …)
 * so that load from elsewhere on the machine falls on all of them alike. Returns
 * per command the wall times and CPU times in ms, after one discarded warm-up round.
 */
export function timeInterleaved(commands, { n = 5, ...options } = {}) {
  const out = commands.map(() => ({ wall: [], cpu: [] }));
  for (let i = 0; i <= n; i++) {
    commands.forEach(([cmd, args], k) => {
      const c0 = childrenCpuMs();
      const ms = timeOnce(cmd, args, options);
      const c1 = childrenCpuMs();
      if (i > 0) {
        out[k].wall.push(ms);
        if (c0 !== undefined && c1 !== undefined) out[k].cpu.push(c1 - c0);
      }
    });
  }
  return out;
}
