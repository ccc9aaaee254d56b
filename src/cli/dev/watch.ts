/**
 * Watch mode's file watcher. A directory `--path` is watched recursively for
 * YAML files written or created anywhere under it; a file `--path` through
 * its parent directory (so editors that save by rename are seen), reacting
 * only to that file. Changes are debounced (200 ms) into one `onChange`.
 * chokidar (v5 has no globs) is loaded here, only in watch mode.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/** A running watcher. */
export interface DefinitionWatcher {
  /** Stops watching and cancels a pending debounce. */
  close(): Promise<void>;
}

/** Options of `watchDefinitions`. */
export interface WatchOptions {
  onChange(): void;
  onError(error: unknown): void;
  debounceMs?: number;
}

const YAML = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** Starts watching `paths`; resolves once the initial scan is done, so later writes are seen. */
export async function watchDefinitions(paths: readonly string[], options: WatchOptions): Promise<DefinitionWatcher> {
  const { watch } = await import('chokidar');
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => options.onChange(), debounceMs);
  };
  const watchers = targets(paths).map(({ dir, file }) => {
    const watcher = watch(dir, {
      ignoreInitial: true,
      ...(file === undefined ? {} : { depth: 0 }),
      ignored: (p: string) => SKIPPED_DIRS.has(path.basename(p)),
    });
    const onFile = (p: string): void => {
      const abs = path.resolve(p);
      if (file === undefined ? YAML.test(abs) : abs === file) changed();
    };
    watcher
      .on('add', onFile)
      .on('change', onFile)
      .on('error', (error) => options.onError(error));
    return new Promise<typeof watcher>((resolve) => watcher.once('ready', () => resolve(watcher)));
  });
  const ready = await Promise.all(watchers);
  return {
    async close() {
      clearTimeout(timer);
      await Promise.all(ready.map((w) => w.close()));
    },
  };
}

/** One watch per distinct directory: a directory path itself, or a file's parent (then only that file counts). */
function targets(paths: readonly string[]): { dir: string; file: string | undefined }[] {
  const seen = new Map<string, { dir: string; file: string | undefined }>();
  for (const p of paths) {
    const abs = path.resolve(p);
    const isDir = statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;
    const target = isDir ? { dir: abs, file: undefined } : { dir: path.dirname(abs), file: abs };
    const key = `${target.dir}\0${target.file ?? ''}`;
    if (!seen.has(key)) seen.set(key, target);
  }
  return [...seen.values()];
}
