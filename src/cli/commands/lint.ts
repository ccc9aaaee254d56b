import type { Diagnostic } from '../../jobdef/diagnostic.js';
import type { SkippedDocument } from '../../jobdef/load.js';
import { contractSummary } from '../format/contracts.js';
import { countSeverities, orderDiagnostics, plural, writeDiagnostics } from '../format/diagnostics.js';
import { githubAnnotation } from '../format/github.js';
import { lintJson } from '../format/lint-json.js';
import { line, type Io } from '../io.js';
import { loadDefinitionsHere } from '../load-here.js';
import { fileLevelExit, pathList } from '../paths.js';

export interface LintOptions {
  path?: string[];
  strict?: boolean;
  format?: 'text' | 'json' | 'github';
  checkSecrets?: boolean;
  verbose?: boolean;
}

/**
 * `caesium job lint`: reports every diagnostic of every definition under
 * `--path`, in document order. `text` writes them to stderr (one line each,
 * grouped by file, then a count), `json` writes one document to stdout (see
 * docs/lint-json.md), `github` writes workflow-command annotations to stdout.
 * When nothing fails, stdout carries the original's `Validated N job
 * definition(s)` line and each job's data-contract summary. Resolves to 0, 1
 * on an error (or a warning with `--strict`), 2 on a bad `--path`. With
 * `checkSecrets`, every `secret://` reference must resolve (./lint-secrets.ts).
 */
export async function runLint(opts: LintOptions, io: Io): Promise<number> {
  const strict = opts.strict === true;
  const format = opts.format ?? 'text';
  const set = loadDefinitionsHere(pathList(opts.path), io.env);
  const secrets = opts.checkSecrets === true ? await (await import('./lint-secrets.js')).secretDiagnostics(set.definitions, io.env) : [];
  const all = orderDiagnostics([...set.diagnostics, ...set.definitions.flatMap((d) => d.diagnostics), ...secrets], set.files);
  const { errors, warnings } = countSeverities(all);
  const failed = errors > 0 || (strict && warnings > 0);

  switch (format) {
    case 'json':
      line(io.out, JSON.stringify(lintJson(set, all, strict), null, 2));
      break;
    case 'github':
      for (const d of all) line(io.out, githubAnnotation(d));
      writeSummary(all, set.definitions.length, strict, io);
      break;
    case 'text':
      writeDiagnostics(io.err, all, io.color);
      if (all.length > 0) io.err.write('\n');
      writeSummary(all, set.definitions.length, strict, io);
      break;
  }

  if (!failed && format !== 'json') {
    if (set.definitions.length === 0) {
      line(io.out, 'No job definitions found.');
    } else {
      line(io.out, `Validated ${set.definitions.length} job definition(s)${opts.checkSecrets === true ? ' with secrets' : ''}`);
      for (const def of set.definitions) {
        const contracts = def.job === undefined ? undefined : contractSummary(def.job.steps);
        if (contracts !== undefined) line(io.out, `  ${def.alias ?? def.file}: ${contracts}`);
      }
    }
  }
  if (opts.verbose === true && format === 'text') writeSkipped(set.skipped, io);
  return Math.max(fileLevelExit(set.diagnostics), failed ? 1 : 0);
}

/** `Skipped N non-job documents:` and one `  - file:line (reason)` line each, as `caesium test --verbose`. */
function writeSkipped(skipped: readonly SkippedDocument[], io: Io): void {
  if (skipped.length === 0) return;
  line(io.out, `Skipped ${plural(skipped.length, 'non-job document')}:`);
  for (const s of skipped) line(io.out, `  - ${s.file}:${s.line} (${s.reason})`);
}

/**
 * The closing count on stderr, when there is anything to count:
 * `✖ 3 errors, 1 warning in 2 files (12 definitions checked)`.
 */
function writeSummary(all: readonly Diagnostic[], definitions: number, strict: boolean, io: Io): void {
  if (all.length === 0) return;
  const { errors, warnings } = countSeverities(all);
  const files = new Set(all.map((d) => d.file)).size;
  const failed = errors > 0 || (strict && warnings > 0);
  const strictNote = strict && warnings > 0 ? '; --strict: warnings fail' : '';
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')} (${plural(definitions, 'definition')} checked${strictNote})`;
  const c = io.color;
  io.err.write(`${failed ? c.red(`✖ ${text}`) : c.yellow(`⚠ ${text}`)}\n`);
}
