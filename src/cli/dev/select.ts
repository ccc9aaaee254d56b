/**
 * Loads the definitions of a dev cycle with the one loader (docs/decisions.md D3) and picks
 * what to run. Problems are printed on stderr at file:line:col with the
 * shared diagnostics formatter; a selection that cannot run says why and
 * with which exit code (1: a definition is broken or none was found;
 * 2: a bad `--path` or an unknown `--alias`).
 */
import type { Job } from '../../jobdef/types.js';
import { countSeverities, orderDiagnostics, plural, writeDiagnostics } from '../format/diagnostics.js';
import type { Io } from '../io.js';
import { loadDefinitionsHere } from '../load-here.js';
import { fileLevelExit } from '../paths.js';

/** The jobs to run (and the YAML files read), or why there are none. */
export type Selection = { kind: 'ok'; jobs: Job[]; files: string[] } | { kind: 'none'; code: 1 | 2; files: string[] };

/** Loads `paths`, prints diagnostics (errors and warnings) and selects the jobs (only `alias`'s when given). */
export function selectJobs(paths: readonly string[], alias: string | undefined, io: Io): Selection {
  const set = loadDefinitionsHere(paths, io.env);
  const files = set.files;
  const diagnostics = orderDiagnostics([...set.diagnostics, ...set.definitions.flatMap((d) => d.diagnostics)], files);
  writeDiagnostics(io.err, diagnostics, io.color);
  const { errors } = countSeverities(diagnostics);
  if (errors > 0) {
    io.err.write(`${io.color.red('error')}: ${plural(errors, 'error')} in job definitions; nothing was run\n`);
    return { kind: 'none', code: fileLevelExit(set.diagnostics) === 2 ? 2 : 1, files };
  }
  const jobs = set.definitions.flatMap((d) => (d.job === undefined ? [] : [d.job]));
  if (jobs.length === 0) {
    io.err.write('No job definitions found.\n');
    return { kind: 'none', code: 1, files };
  }
  if (alias === undefined) return { kind: 'ok', jobs, files };
  const chosen = jobs.filter((j) => j.alias === alias);
  if (chosen.length === 0) {
    io.err.write(
      `${io.color.red('error')}: no job with alias "${alias}" under ${paths.join(', ')}; found: ${jobs.map((j) => j.alias).join(', ')}\n`,
    );
    return { kind: 'none', code: 2, files };
  }
  return { kind: 'ok', jobs: chosen, files };
}
