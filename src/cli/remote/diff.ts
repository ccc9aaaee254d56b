/**
 * `caesium job diff` (docs/decisions.md §13.3, D20): compares the
 * definitions under `--path` with what the server has, through
 * `POST /v1/jobdefs/diff` (never the database). Prints `No changes detected.`
 * or the sections `Creates:`, `Updates:` (each alias followed by its
 * field-level diff, indented 4 spaces) and `Deletes:`, aliases sorted, a blank
 * line after Creates and Updates.
 *
 * Our own choices, where the contract says nothing:
 * - Exit 0 whether or not there are changes; `--exit-code` makes changes
 *   exit 1 (as `git diff --exit-code`), so CI can gate on drift.
 * - `--provenance-source-id S` narrows Deletes to jobs applied from S, i.e.
 *   what `job apply --prune --provenance-source-id S` would retire (docs/decisions.md D12);
 *   without it Deletes lists every server job missing from `--path`.
 */
import type { DiffRequestJson, DiffResponseJson } from '../../client/index.js';
import type { Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';
import { definitionsToSend } from './local-definitions.js';

export interface DiffFlags extends RemoteFlags {
  path?: string[];
  provenanceSourceId?: string;
  exitCode?: boolean;
}

/** Runs `job diff`; resolves to the exit code. */
export async function runDiff(flags: DiffFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  const definitions = definitionsToSend(flags.path, io, 'diff', client.baseUrl);
  if (typeof definitions === 'number') return definitions;
  const request: DiffRequestJson = { definitions };
  const source = flags.provenanceSourceId?.trim();
  if (source !== undefined && source !== '') request.provenance = { source_id: source };
  let result: DiffResponseJson;
  try {
    result = await client.diff(request);
  } catch (error) {
    throw remoteError(error, 'diff');
  }
  if (flags.json === true) writeJson(io, result);
  else io.out.write(formatDiff(result));
  const changed = result.added.length + result.modified.length + result.removed.length > 0;
  return changed && flags.exitCode === true ? 1 : 0;
}

/** The plain-text report of a diff. */
function formatDiff(result: DiffResponseJson): string {
  if (result.added.length + result.modified.length + result.removed.length === 0) return 'No changes detected.\n';
  const out: string[] = [];
  const byAlias = <T extends { alias: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.alias.localeCompare(b.alias));
  if (result.added.length > 0) {
    out.push('Creates:', ...byAlias(result.added).map((j) => `  - ${j.alias}`), '');
  }
  if (result.modified.length > 0) {
    out.push('Updates:');
    for (const m of byAlias(result.modified)) {
      out.push(
        `  - ${m.alias}`,
        ...m.diff
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => `    ${l}`),
      );
    }
    out.push('');
  }
  if (result.removed.length > 0) out.push('Deletes:', ...byAlias(result.removed).map((j) => `  - ${j.alias}`));
  return `${out.join('\n')}\n`;
}
