/**
 * A `caesium dev` session: one cycle (`--once`) or a cycle per file change
 * (watch mode), with one AbortController per cycle.
 *
 * Lifecycle (docs/architecture.md rule 10): signal handlers, runtimes, reporters and the
 * watcher register their release as they are acquired; releases run in
 * reverse order, once. The first SIGINT/SIGTERM aborts the cycle, waits
 * until the engine has stopped its tasks (process groups killed, containers
 * removed), then releases everything; a second one kills the tracked local
 * process groups and exits 130 at once.
 *
 * Exit code: 0 when the (last) cycle's runs all succeeded; 1 when a run
 * failed or a definition has errors; 130 when Ctrl-C cut a run short;
 * 2 for an unknown `--alias`. Watch mode ends only on a signal
 * and returns the code of its last cycle: Ctrl-C while idle after a green
 * run exits 0.
 *
 * Streams: watch messages (`Watching…`, `File changed…`, `Watch error:`,
 * `Stopping.`) and diagnostics go to stderr; results go to stdout.
 */
import { createRuntimes as defaultRuntimes, type RuntimeRegistry, type RuntimeRegistryOptions } from '../../runtime/index.js';
import type { Io } from '../io.js';
import { fanOut } from '../reporters/reporter.js';
import type { DevOptions } from './options.js';
import { createOutputs } from './outputs.js';
import { ProcessTracker } from './process-tracker.js';
import { Releases } from '../../releases.js';
import { runDefinitions, type CycleDeps } from './run-definitions.js';
import { DevCaches, openCycleCache, stateDirOf } from './cache.js';
import { printPlan } from './plan.js';
import { cachePlan, stepSelection } from './step-selection.js';
import { fileInputDigester } from '../../store/cache/input-files.js';
import { SecretResolver } from '../../runtime/secrets/resolver.js';
import { secretSettingsFromEnv } from '../../runtime/secrets/secret-config.js';
import { devLineage } from './lineage.js';
import { selectJobs } from './select.js';
import { applyStepFilter } from './partial-select.js';
import { onInterrupt, type SignalSource } from './signals.js';
import { watchDefinitions } from './watch.js';
import { errorText, errorStack } from '../../errors.js';

/** What a session may be given instead of the process's own. */
export interface SessionDeps {
  signals?: SignalSource;
  exit?: (code: number) => void;
  createRuntimes?: (env: Record<string, string | undefined>, options?: RuntimeRegistryOptions) => RuntimeRegistry;
}

/** Runs a dev session to its end and resolves to the exit code. */
export async function runDevSession(options: DevOptions, io: Io, deps: SessionDeps = {}): Promise<number> {
  const releases = new Releases();
  const tracker = new ProcessTracker();
  const state = { current: undefined as AbortController | undefined, interrupted: false, terminal: false };
  let stopRequested!: () => void;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const stop = (announce = true): void => {
    if (announce && state.current !== undefined && !state.terminal) io.err.write('\nInterrupted, stopping...\n');
    state.interrupted = true;
    state.current?.abort();
    stopRequested();
  };
  const force = (): void => {
    tracker.killAll();
    io.err.write('\nForced exit.\n');
    (deps.exit ?? ((code: number) => process.exit(code)))(130);
  };
  releases.defer(onInterrupt({ stop: () => stop(), force }, deps.signals));
  try {
    const runtimes = (deps.createRuntimes ?? defaultRuntimes)(io.env, { secretEnv: { ...io.env, ...options.envFile } });
    releases.defer(() => runtimes.closeAll());
    const outputs = await createOutputs(io, options.logs, options.json);
    state.terminal = outputs.terminal;
    const reporter = fanOut([tracker, ...outputs.reporters], (hook, error) => {
      io.err.write(`caesium: an output failed in ${hook} and was turned off: ${errorText(error)}\n`);
    });
    releases.defer(() => reporter.close());
    const lineage = await devLineage(io);
    if (lineage !== undefined) releases.defer(() => lineage.close());
    const cycleDeps: CycleDeps = {
      options,
      runtimes,
      reporter,
      lineage,
      io,
      inputDigests: fileInputDigester(io.cwd),
      stateDir: (job) => stateDirOf(options.cache, job, io.cwd),
    };
    const caches = new DevCaches(options.cache, io.cwd);
    releases.defer(() => caches.close());
    const resolver = new SecretResolver(secretSettingsFromEnv(io.env, { ...io.env, ...options.envFile }));
    const remembered = new Map<string, string[]>();
    let files = 0;
    const cycle = async (controller: AbortController, changed: boolean): Promise<number> => {
      state.current = controller;
      if (state.interrupted) controller.abort();
      try {
        if (changed) io.err.write('\nFile changed, re-running...\n\n');
        const selection = selectJobs(options.paths, options.alias, io);
        files = selection.files.length;
        if (selection.kind === 'none') return selection.code;
        const opened = await openCycleCache(caches, selection.jobs, io);
        if ('code' in opened) return opened.code;
        const deps: CycleDeps = { ...cycleDeps, cache: opened.cache, chosen: new WeakMap() };
        const jobs = await applyStepFilter(selection.jobs, stepSelection(deps, io, remembered), io);
        if (jobs === undefined) return 2;
        if (options.dryRun) {
          for (const job of jobs) {
            const steps = await cachePlan(job, deps);
            await printPlan(
              { job, steps, params: { ...job.trigger.defaultParams, ...options.params }, baseEnv: options.envFile },
              resolver,
              io,
            );
          }
          return 0;
        }
        if (await runDefinitions(jobs, deps, controller.signal)) return 0;
        return state.interrupted ? 130 : 1;
      } catch (error) {
        io.err.write(`${io.color.red('unexpected error')}: ${errorStack(error)}\n`);
        return 1;
      } finally {
        if (state.current === controller) state.current = undefined;
      }
    };

    if (options.once) return await cycle(new AbortController(), false);

    let code = 1;
    let chain = Promise.resolve();
    let queued: AbortController | undefined;
    let announced = false;
    const watching = watchDefinitions(options.paths, {
      onChange: () => schedule(true),
      onError: (error) => io.err.write(`Watch error: ${errorText(error)}\n`),
    });
    const schedule = (changed: boolean): void => {
      if (state.interrupted) return;
      state.current?.abort();
      queued?.abort();
      const controller = new AbortController();
      queued = controller;
      chain = chain.then(async () => {
        if (controller.signal.aborted || state.interrupted) return;
        queued = undefined;
        code = await cycle(controller, changed);
        if (announced || state.interrupted) return;
        announced = true;
        await watching.then(
          () => io.err.write(`\nWatching ${files} file(s) for changes... (Ctrl-C to stop)\n`),
          () => undefined,
        );
      });
    };
    schedule(false);
    try {
      const watcher = await watching;
      releases.defer(() => watcher.close());
      await stopped;
      await watcher.close();
    } catch (error) {
      io.err.write(`Watch error: ${errorText(error)}\n`);
      stop(false);
    }
    await chain;
    io.err.write('\nStopping.\n');
    return code;
  } finally {
    await releases.releaseAll();
  }
}
