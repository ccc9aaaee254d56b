/**
 * `caesium job apply` (docs/decisions.md §13.3): loads and validates the
 * definitions under `--path` (the one loader; any error stops before the
 * server is called), sends them to `POST /v1/jobdefs/apply` as one batch and
 * prints `Applied N job definition(s)`. HTTP ≥ 400 → `apply failed: <body>`.
 */
import type { ApplyRequestJson, ProvenanceJson } from '../../client/index.js';
import { CaesiumError } from '../../errors.js';
import { ClientError } from '../../client/index.js';
import { line, type Io } from '../io.js';
import { clientFor, remoteError, writeJson, type RemoteFlags } from './connection.js';
import { definitionsToSend } from './local-definitions.js';

export interface ApplyFlags extends RemoteFlags {
  path?: string[];
  force?: boolean;
  prune?: boolean;
  provenanceSourceId?: string;
  provenanceRepo?: string;
  provenanceRef?: string;
  provenanceCommit?: string;
  provenancePath?: string;
}

/** Runs `job apply`; resolves to the exit code. */
export async function runApply(flags: ApplyFlags, io: Io): Promise<number> {
  const client = clientFor(flags, io);
  const definitions = definitionsToSend(flags.path, io, 'apply', client.baseUrl);
  if (typeof definitions === 'number') return definitions;
  const request: ApplyRequestJson = { definitions };
  if (flags.force === true) request.force = true;
  if (flags.prune === true) request.prune = true;
  const provenance = provenanceOf(flags);
  if (provenance !== undefined) request.provenance = provenance;
  try {
    const result = await client.apply(request);
    if (flags.json === true) writeJson(io, result);
    else line(io.out, `Applied ${request.definitions.length} job definition(s)`);
    if (result.pruned !== undefined && result.pruned.length > 0 && flags.json !== true) line(io.err, `Pruned: ${result.pruned.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof ClientError && error.kind === 'http') throw new CaesiumError('E_APPLY', `apply failed: ${error.body.trim()}`);
    throw remoteError(error, 'apply');
  }
}

function provenanceOf(flags: ApplyFlags): ProvenanceJson | undefined {
  const out: ProvenanceJson = {};
  if (flags.provenanceSourceId !== undefined) out.source_id = flags.provenanceSourceId;
  if (flags.provenanceRepo !== undefined) out.repo = flags.provenanceRepo;
  if (flags.provenanceRef !== undefined) out.ref = flags.provenanceRef;
  if (flags.provenanceCommit !== undefined) out.commit = flags.provenanceCommit;
  if (flags.provenancePath !== undefined) out.path = flags.provenancePath;
  return Object.keys(out).length === 0 ? undefined : out;
}
