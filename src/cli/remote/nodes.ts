/**
 * `caesium node list`: the live servers sharing a database (`GET /v1/system/nodes`,
 * docs/multi-node.md), one line each, or the server's JSON with `--json`.
 */
import type { NodeJson } from '../../client/index.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';

/** `node list`: prints every live node with its labels, heartbeat, running tasks and capacity. */
export async function nodeList(flags: RemoteFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  try {
    const answer = await client.systemNodes();
    if (flags.json === true) {
      writeJson(io, answer);
      return 0;
    }
    const rows = [
      ['ADDRESS', 'LABELS', 'HEARTBEAT', 'RUNS', 'TASKS', 'CAPACITY', 'VERSION'],
      ...answer.nodes.map((n) => row(n, answer.self)),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) line(io.out, r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
    return 0;
  } catch (error) {
    throw remoteError(error, 'node list');
  }
}

function row(n: NodeJson, self: string): string[] {
  const labels =
    Object.entries(n.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || '-';
  return [
    n.address === self ? `${n.address} (this)` : n.address,
    labels,
    n.heartbeat_at,
    String(n.leased_runs),
    String(n.running_tasks),
    n.capacity === 0 ? 'unbounded' : String(n.capacity),
    n.version,
  ];
}
