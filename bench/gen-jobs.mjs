// Generates job files of mixed DAG shapes for the lint benchmark.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG so every run lints the same corpus. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SHAPES = ['chain', 'fan', 'layered', 'diamonds', 'implicit'];

function stepsFor(shape, n, rand) {
  const names = Array.from({ length: n }, (_, i) => `step-${i}`);
  const deps = names.map(() => []);
  switch (shape) {
    case 'chain':
      for (let i = 1; i < n; i++) deps[i].push(names[i - 1]);
      break;
    case 'fan':
      for (let i = 1; i < n - 1; i++) deps[i].push(names[0]);
      deps[n - 1] = names.slice(1, n - 1);
      break;
    case 'layered': {
      const width = 2 + Math.floor(rand() * 5);
      for (let i = width; i < n; i++) {
        const prevLayer = Math.floor(i / width) - 1;
        const from = prevLayer * width;
        const k = 1 + Math.floor(rand() * 2);
        for (let j = 0; j < k; j++) {
          const p = names[from + Math.floor(rand() * width)];
          if (p !== undefined && !deps[i].includes(p)) deps[i].push(p);
        }
      }
      break;
    }
    case 'diamonds':
      for (let i = 1; i < n; i++) {
        const base = i - (i % 3 === 0 ? 2 : 1);
        deps[i].push(names[Math.max(0, base)]);
        if (i % 3 === 0 && i > 2) deps[i].push(names[i - 1]);
      }
      break;
    case 'implicit':
      return names.map((name) => ({ name, deps: null }));
  }
  return names.map((name, i) => ({ name, deps: deps[i] }));
}

function jobYaml(i, rand) {
  const shape = SHAPES[i % SHAPES.length];
  const n = 10 + Math.floor(rand() * 41);
  const steps = stepsFor(shape, n, rand);
  const lines = [
    'apiVersion: v1',
    'kind: Job',
    'metadata:',
    `  alias: bench-${i}-${shape}`,
    '  labels:',
    `    team: team-${i % 7}`,
    '  taskTimeout: 10m',
    'trigger:',
    '  type: cron',
    '  configuration:',
    `    cron: "${i % 60} ${i % 24} * * *"`,
    '    timezone: Europe/Berlin',
    'steps:',
  ];
  for (const s of steps) {
    lines.push(`  - name: ${s.name}`, '    image: alpine:3.20', `    command: ["sh", "-c", "echo ${s.name}"]`);
    if (rand() < 0.3) lines.push('    retries: 2', '    retryDelay: 5s', '    retryBackoff: true');
    if (rand() < 0.3) lines.push('    env:', `      STAGE: "${s.name}"`, '      LEVEL: info');
    if (s.deps !== null && s.deps.length > 0) lines.push(`    dependsOn: [${s.deps.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `count` job files into `dir` (emptied first) and returns the number of steps written. */
export function generateJobs(dir, count, seed = 42) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = rng(seed);
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, `job-${String(i).padStart(4, '0')}.yaml`), jobYaml(i, rand));
  }
}
