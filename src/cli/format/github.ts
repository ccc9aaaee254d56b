import type { Diagnostic } from '../../jobdef/diagnostic.js';

/** Escapes an annotation's message as the Actions runner expects (`%`, CR, LF). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes an annotation property value (the data escapes plus `:` and `,`). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One diagnostic as a GitHub Actions workflow command, so the problem shows
 * on the pull request's diff:
 * `::error file=jobs/a.yaml,line=12,col=5,title=E_REQUIRED::steps[1].image is required`.
 * The hint, when there is one, follows the message on a second line.
 */
export function githubAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.col}`, `title=${escapeProperty(d.code)}`].join(',');
  const message = d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`;
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(message)}`;
}
