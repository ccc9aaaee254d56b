/**
 * The local side of `job apply` and `job diff`: the definitions under
 * `--path`, loaded and validated by the one loader (docs/decisions.md D3) and turned into the
 * JSON the server takes. Any error stops before the server is called.
 */
import type { DefinitionJson } from '../../client/index.js';
import { countSeverities, orderDiagnostics, plural, writeDiagnostics } from '../format/diagnostics.js';
import { line, type Io } from '../io.js';
import { loadDefinitionsHere } from '../load-here.js';
import { fileLevelExit, pathList } from '../paths.js';
import { definitionJson } from './definition-json.js';

/** The definitions to send, or the exit code when there are none to send (the reason is already printed). */
export function definitionsToSend(
  paths: readonly string[] | undefined,
  io: Io,
  what: string,
  serverUrl: string,
): DefinitionJson[] | number {
  const set = loadDefinitionsHere(pathList(paths), io.env);
  const all = orderDiagnostics([...set.diagnostics, ...set.definitions.flatMap((d) => d.diagnostics)], set.files);
  const { errors } = countSeverities(all);
  if (errors > 0) {
    writeDiagnostics(
      io.err,
      all.filter((d) => d.severity === 'error'),
      io.color,
    );
    io.err.write(`${what} aborted: ${plural(errors, 'error')}; nothing was sent to ${serverUrl}\n`);
    return Math.max(fileLevelExit(set.diagnostics), 1);
  }
  // Warnings do not stop the batch; they are printed as lint prints them (an event trigger, a kubernetes step without a cluster).
  writeDiagnostics(
    io.err,
    all.filter((d) => d.severity === 'warning'),
    io.color,
  );
  if (set.definitions.length === 0) {
    line(io.err, 'No job definitions found.');
    return 1;
  }
  return set.definitions.map((d) => definitionJson((d.job as NonNullable<typeof d.job>).spec));
}
