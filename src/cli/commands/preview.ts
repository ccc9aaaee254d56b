import type { DagInput } from '../../dag/graph.js';
import type { TitledDag } from '../../dag/render/dot.js';
import { loadDefinitions } from '../../jobdef/definitions.js';
import { orderDiagnostics, writeDiagnostics } from '../format/diagnostics.js';
import { line, type Io } from '../io.js';
import { fileLevelExit, pathList } from '../paths.js';

export interface PreviewOptions {
  path?: string[];
  format?: 'ascii' | 'mermaid' | 'dot';
}

/**
 * `caesium job preview`: draws the DAG of every valid definition under
 * `--path` on stdout, as ASCII boxes (default), Mermaid or Graphviz DOT. With
 * several definitions, ASCII drawings each get a `--- <alias> ---` header and a
 * blank line between them, while Mermaid and DOT print ONE document with a
 * subgraph per job, so the output can be piped straight into `dot` or Mermaid.
 * Invalid definitions are not drawn: their diagnostics go to stderr and the exit
 * code is 1 (2 for a bad `--path`).
 */
export async function runPreview(opts: PreviewOptions, io: Io): Promise<number> {
  const set = loadDefinitions(pathList(opts.path));
  const problems = [...set.diagnostics, ...set.definitions.flatMap((d) => (d.job === undefined ? d.diagnostics : []))];
  writeDiagnostics(io.err, orderDiagnostics(problems, set.files), io.color);
  const code = Math.max(fileLevelExit(set.diagnostics), set.definitions.some((d) => d.job === undefined) ? 1 : 0);

  if (set.definitions.length === 0) {
    line(io.out, 'No job definitions found.');
    return code;
  }
  const format = opts.format ?? 'ascii';
  const jobs = set.definitions.flatMap((d) =>
    d.job === undefined ? [] : [{ title: d.job.alias, graph: { nodes: d.job.steps, edges: d.job.edges } }],
  );
  if (format !== 'ascii' && jobs.length > 1) {
    io.out.write(await renderJobs(format, jobs));
    return code;
  }
  const render = await renderer(format);
  const several = set.definitions.length > 1;
  let drawn = 0;
  for (const def of set.definitions) {
    if (def.job === undefined) continue;
    if (several && drawn > 0) line(io.out);
    if (several) line(io.out, `--- ${def.job.alias} ---`);
    io.out.write(render({ nodes: def.job.steps, edges: def.job.edges }, def.job.alias));
    drawn++;
  }
  return code;
}

/** One document holding every job, a subgraph each. */
async function renderJobs(format: 'mermaid' | 'dot', jobs: readonly TitledDag[]): Promise<string> {
  switch (format) {
    case 'mermaid':
      return (await import('../../dag/render/mermaid.js')).renderMermaidJobs(jobs);
    case 'dot':
      return (await import('../../dag/render/dot.js')).renderDotJobs(jobs);
  }
}

/** The drawing function of a format; each returns text ending in a newline. */
async function renderer(format: 'ascii' | 'mermaid' | 'dot'): Promise<(g: DagInput, title: string) => string> {
  switch (format) {
    case 'ascii':
      return (await import('../../dag/render/ascii.js')).renderAscii;
    case 'mermaid':
      return (await import('../../dag/render/mermaid.js')).renderMermaid;
    case 'dot':
      return (await import('../../dag/render/dot.js')).renderDot;
  }
}
