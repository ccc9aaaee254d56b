/**
 * One server among many on a PostgreSQL database (docs/multi-node.md).
 *
 * Runs do not belong to the node that started them: each running run has a
 * lease in the database naming the node that drives it. Every renew period
 * this node heartbeats and extends the leases of the runs it drives; a run
 * whose lease another node took is abandoned here (its tasks stopped; the
 * store refuses every write fenced by the old claim). When renewals keep
 * failing (the database is unreachable) for most of the TTL, the node stops
 * its runs itself, before any other node may take them.
 *
 * Every reclaim period the node takes over runs whose lease expired (their
 * node died or froze) with `FOR UPDATE SKIP LOCKED`, and resumes them like a
 * restart does: tasks that were running get a new attempt.
 */
import type { ClusterQueries, NodeInfo, NodeRecord } from '../../store/ports/cluster.js';
import type { Store } from '../../store/ports/store.js';
import { errorText } from '../../errors.js';
import type { RunLauncher } from '../run-launcher.js';
import { resumeOne } from '../resume-runs.js';
import type { ClusterSettings } from './cluster-settings.js';

export interface ClusterNodeDeps {
  cluster: ClusterQueries;
  store: Store;
  settings: ClusterSettings;
  info: NodeInfo;
  log: (line: string) => void;
  /** Runs taken over at once, at most. */
  takeOverLimit?: number;
}

/** The lease keeper of this node; `attach` hands it the launcher, `start` begins heartbeats and reclaims. */
export class ClusterNode {
  readonly #deps: ClusterNodeDeps;
  #launcher: RunLauncher | undefined;
  #timers: NodeJS.Timeout[] = [];
  /** When a renewal last succeeded (this process's clock). */
  #lastRenewed = Date.now();
  #fenced = false;
  #stopped = false;
  #ticking = false;
  #reclaiming = false;
  /** Runs admitted since the last renewal started (their leases are fresh; not judged lost by it). */
  readonly #fresh = new Set<string>();

  constructor(deps: ClusterNodeDeps) {
    this.#deps = deps;
  }

  get address(): string {
    return this.#deps.info.address;
  }

  /** Nodes that heartbeat within the lease TTL. */
  liveNodes(): Promise<NodeRecord[]> {
    return this.#deps.cluster.liveNodes(this.#deps.settings.leaseTtlMs);
  }

  /** Asks whichever node drives `runId` to cancel it (it does at its next renewal). */
  requestCancel(runId: string, by: string): Promise<void> {
    return this.#deps.cluster.requestCancel(runId, by);
  }

  /** Takes the lease of a run this node just created. */
  async admitted(runId: string): Promise<void> {
    this.#fresh.add(runId);
    if (!(await this.#deps.cluster.acquire(runId, this.address, this.#deps.settings.leaseTtlMs)))
      throw new Error(`run ${runId} is already leased to another node`);
  }

  /** Gives the lease of a run back once this node stopped driving it. */
  settled(runId: string): void {
    this.#fresh.delete(runId);
    if (this.#stopped) return;
    this.#deps.cluster.release(runId, this.address).then(
      (held) => {
        // Not held any more when it stopped here: another node took the run over while this one could not renew.
        if (!held)
          this.#deps.log(
            `caesium server: run ${runId} is driven by another node now (this node's lease expired); its writes here were refused`,
          );
      },
      (error: unknown) => {
        this.#deps.log(`caesium server: cannot release the lease of run ${runId}: ${errorText(error)} (it expires by itself)`);
      },
    );
  }

  /** Registers the node, resumes runs it held before a restart, and starts the timers. */
  async start(launcher: RunLauncher): Promise<void> {
    this.#launcher = launcher;
    const { cluster, settings } = this.#deps;
    await cluster.heartbeat(this.#deps.info);
    this.#lastRenewed = Date.now();
    for (const runId of await cluster.held(this.address)) await this.#resume(runId);
    this.#timers.push(setInterval(() => void this.#tick(), settings.renewMs));
    this.#timers.push(setInterval(() => void this.#reclaim(), settings.reclaimMs));
    for (const t of this.#timers) t.unref();
    void this.#reclaim();
  }

  /** Stops the timers and leaves the node list (leases of runs still driven are released as they settle). */
  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    await this.#deps.cluster.leave(this.address).catch(() => undefined);
  }

  /**
   * A clean shutdown: hands the leases of every run driven here to whichever node takes them next, so
   * stopping one node of many does not cancel its runs (their tasks here stop; elsewhere they run again).
   */
  async handBack(): Promise<number> {
    this.#stopped = true;
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    return this.#deps.cluster.handBack(this.address);
  }

  async #tick(): Promise<void> {
    const launcher = this.#launcher;
    if (launcher === undefined || this.#ticking) return;
    this.#ticking = true;
    const { cluster, settings, log } = this.#deps;
    const driven = launcher.drivenRunIds();
    const fresh = new Set(this.#fresh);
    try {
      await cluster.heartbeat(this.#deps.info);
      const held = new Set(await cluster.renew(this.address, driven, settings.leaseTtlMs));
      this.#lastRenewed = Date.now();
      if (this.#fenced) log('caesium server: the database answers again; this node takes runs again');
      this.#fenced = false;
      for (const runId of driven) {
        if (held.has(runId) || fresh.has(runId)) continue;
        if (launcher.abandon(runId))
          log(`caesium server: run ${runId} is driven by another node now (this node's lease expired); stopped here`);
      }
      for (const runId of fresh) this.#fresh.delete(runId);
      for (const { runId, by } of await cluster.takeCancelRequests(driven)) {
        log(`caesium server: cancelling run ${runId} as another node asked (by ${by})`);
        void launcher.cancel(runId, by);
      }
    } catch (error) {
      const silentMs = Date.now() - this.#lastRenewed;
      if (!this.#fenced && silentMs > settings.leaseTtlMs * 0.6) {
        this.#fenced = true;
        log(
          `caesium server: cannot renew run leases for ${silentMs} ms (${errorText(error)}); stopping this node's ${driven.length} run(s) before their leases expire`,
        );
        for (const runId of driven) launcher.abandon(runId);
      }
    } finally {
      this.#ticking = false;
    }
  }

  async #reclaim(): Promise<void> {
    if (this.#launcher === undefined || this.#reclaiming || this.#fenced || this.#stopped) return;
    this.#reclaiming = true;
    const { cluster, settings } = this.#deps;
    try {
      const orphanBefore = new Date(Date.now() - settings.leaseTtlMs).toISOString();
      const taken = await cluster.takeOver(this.address, settings.leaseTtlMs, this.#deps.takeOverLimit ?? 8, orphanBefore);
      for (const runId of taken) await this.#resume(runId);
    } catch (error) {
      this.#deps.log(`caesium server: looking for runs of lost nodes failed: ${errorText(error)} (retrying)`);
    } finally {
      this.#reclaiming = false;
    }
  }

  async #resume(runId: string): Promise<void> {
    const { store, log } = this.#deps;
    const launcher = this.#launcher;
    if (launcher === undefined) return;
    const run = await store.runs.get(runId);
    if (run?.status !== 'running') return;
    log(`caesium server: taking over run ${runId} (its node stopped renewing its lease)`);
    this.#fresh.add(runId);
    try {
      await resumeOne({ store, launcher, log }, run);
    } catch (error) {
      log(`caesium server: cannot resume run ${runId}: ${errorText(error)}`);
    }
  }
}
