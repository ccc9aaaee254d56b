/**
 * Local task processes a dead server left behind. A local task leads its own
 * process group (so it outlives a parent killed with SIGKILL), and every task
 * process carries `CAESIUM_RUN_ID=<run id>` in its environment: on Linux,
 * `/proc/<pid>/environ` names the processes of a run (ours only: others'
 * environments are unreadable), and their groups are killed, as
 * `removeRunContainers` removes a run's containers. Without `/proc` nothing is
 * found and 0 is returned.
 */
import { readdir, readFile } from 'node:fs/promises';
import { signalGroup } from './process-group.js';

/** Kills the process groups of local tasks of `runIds`; resolves to how many groups were signalled. */
export async function killRunProcesses(runIds: readonly string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const own = await processGroupOf('self');
  if (own === undefined) return 0; // no /proc
  const markers = new Set(runIds.map((id) => `CAESIUM_RUN_ID=${id}`));
  const groups = new Set<number>();
  for (const pid of await processIds()) {
    if (!(await carriesMarker(pid, markers))) continue;
    const group = await processGroupOf(pid);
    if (group !== undefined && group > 1 && group !== own) groups.add(group);
  }
  let killed = 0;
  for (const group of groups) if (signalGroup(group, 'SIGKILL')) killed++;
  return killed;
}

async function processIds(): Promise<string[]> {
  const names = await readdir('/proc').catch(() => [] as string[]);
  return names.filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
}

async function carriesMarker(pid: string, markers: ReadonlySet<string>): Promise<boolean> {
  const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
  return environ.split('\0').some((entry) => markers.has(entry));
}

/** The process group of `pid` from `/proc/<pid>/stat` (fields after the parenthesised command: state, ppid, pgrp). */
async function processGroupOf(pid: string): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const group = Number(fields[2]);
  return Number.isInteger(group) ? group : undefined;
}
