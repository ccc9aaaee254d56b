import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from '../../jobdef/definitions.js';
import type { Job } from '../../jobdef/types.js';
import { orderDiagnostics, writeDiagnostics } from '../format/diagnostics.js';
import { line, type Io } from '../io.js';
import { fileLevelExit, pathList } from '../paths.js';

export interface SchemaOptions {
  doc?: boolean;
  json?: boolean;
  summary?: boolean;
  path?: string[];
  markdown?: boolean;
}

/**
 * `caesium job schema`: with no flag or `--doc`, the Markdown reference
 * generated from schemas/job.v1.json (checked in as
 * docs/job-schema-reference.md); `--json`, the schema file itself; `--summary`,
 * counts over the definitions under `--path` (`--markdown` for tables, `--json` for one JSON document). `--doc`
 * and `--summary` together print both, reference first, as the original does.
 */
export async function runSchema(opts: SchemaOptions, io: Io): Promise<number> {
  const usage = usageProblem(opts);
  if (usage !== undefined) {
    io.err.write(`${io.color.red('error')}: ${usage}\n`);
    return 2;
  }
  const { loadJobSchema, packageRoot } = await import('../../jobdef/job-schema.js');
  if (opts.json === true && opts.summary !== true) {
    io.out.write(readFileSync(join(packageRoot(), 'schemas', 'job.v1.json'), 'utf8'));
    return 0;
  }
  const doc = opts.doc === true || opts.summary !== true;
  if (doc) {
    const { renderSchemaReference } = await import('../../jobdef/schema-doc.js');
    io.out.write(renderSchemaReference(loadJobSchema()));
  }
  return opts.summary === true ? printSummary(opts, doc, io) : 0;
}

function usageProblem(opts: SchemaOptions): string | undefined {
  if (opts.json === true && opts.doc === true) return '--json cannot be combined with --doc';
  if (opts.json === true && opts.markdown === true) return '--json cannot be combined with --markdown';
  if (opts.markdown === true && opts.summary !== true) return '--markdown only applies to --summary';
  if (opts.path !== undefined && opts.summary !== true) return '--path only applies to --summary';
  return undefined;
}

async function printSummary(opts: SchemaOptions, afterDoc: boolean, io: Io): Promise<number> {
  const set = loadDefinitions(pathList(opts.path));
  const problems = [...set.diagnostics, ...set.definitions.flatMap((d) => (d.job === undefined ? d.diagnostics : []))];
  writeDiagnostics(io.err, orderDiagnostics(problems, set.files), io.color);
  const code = Math.max(fileLevelExit(set.diagnostics), set.definitions.some((d) => d.job === undefined) ? 1 : 0);
  const jobs = set.definitions.flatMap((d): Job[] => (d.job === undefined ? [] : [d.job]));
  if (afterDoc) line(io.out);
  const { summarize, renderSummaryMarkdown, renderSummaryText, summaryJson } = await import('../format/schema-summary.js');
  if (opts.json === true) {
    line(io.out, JSON.stringify(summaryJson(summarize(jobs)), null, 2));
    return code;
  }
  if (jobs.length === 0) {
    line(io.out, 'No job definitions found for summary.');
    return code;
  }
  const summary = summarize(jobs);
  io.out.write(opts.markdown === true ? renderSummaryMarkdown(summary) : renderSummaryText(summary));
  return code;
}
