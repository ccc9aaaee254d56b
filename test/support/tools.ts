/**
 * Host programs some tests drive for real (Graphviz's `dot`, tmux), with the
 * require-or-skip rule of docs/architecture.md ("Tests"): absent, they skip the
 * suite with the reason printed, or fail it under `CAESIUM_TEST_REQUIRE_ENGINES=1`
 * (CI, where scripts/test-engines.sh installs them).
 */
import { spawnSync } from 'node:child_process';

/** Whether a suite that needs `program` must be skipped; throws when it is required but missing. */
export function requireTool(program: string, debianPackage: string): { skip: boolean; reason?: string } {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (found.status === 0) return { skip: false };
  const reason = `${program} is not installed (Debian package ${debianPackage}; scripts/test-engines.sh installs it)`;
  if (process.env.CAESIUM_TEST_REQUIRE_ENGINES === '1')
    throw new Error(`${program} is required (CAESIUM_TEST_REQUIRE_ENGINES=1) but ${reason}`);
  console.warn(`[caesium tests] skipping: ${reason}`);
  return { skip: true, reason };
}
