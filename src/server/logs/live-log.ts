/**
 * A task run's live output as readers see it: the stored chunks of each
 * attempt, in order, with the gaps the bound left (docs/live-logs.md), and
 * where the reading stopped (so a follower continues exactly after it).
 */
import { droppedNote } from '../../engine/log-capture.js';
import type { LogChunk } from '../../store/ports/log-chunks.js';

/** What was written so far; `attempt`/`nextLine` say where the newest attempt stands. */
export interface LiveLog {
  chunks: LogChunk[];
  attempt: number;
  nextLine: number;
}

/** A piece of a log as it is sent: whole lines from `line` on, or a dropped stretch. */
export type LogPiece =
  { kind: 'lines'; attempt: number; line: number; text: string } | { kind: 'gap'; attempt: number; lines: number; bytes: number };

/** The chunks as pieces, a gap wherever the bound dropped lines. */
export function logPieces(chunks: readonly LogChunk[]): LogPiece[] {
  const pieces: LogPiece[] = [];
  let prev: LogChunk | undefined;
  for (const c of chunks) {
    if (prev !== undefined && prev.attempt !== c.attempt) prev = undefined;
    const line = prev === undefined ? 0 : prev.firstLine + prev.lineCount;
    const byte = prev === undefined ? 0 : prev.byteOffset + Buffer.byteLength(prev.text, 'utf8');
    if (c.firstLine > line) pieces.push({ kind: 'gap', attempt: c.attempt, lines: c.firstLine - line, bytes: c.byteOffset - byte });
    pieces.push({ kind: 'lines', attempt: c.attempt, line: c.firstLine, text: c.text });
    prev = c;
  }
  return pieces;
}

/** The label line before an attempt's output when a log has more than one. */
function attemptLabel(attempt: number): string {
  return `── attempt ${attempt} ──`;
}

/** The log as plain text: attempts labelled when there are several, a note line per gap. */
export function logText(chunks: readonly LogChunk[]): { text: string; truncated: boolean } {
  const attempts = new Set(chunks.map((c) => c.attempt));
  let text = '';
  let truncated = false;
  let attempt = 0;
  for (const piece of logPieces(chunks)) {
    if (attempts.size > 1 && piece.attempt !== attempt) text += `${attemptLabel(piece.attempt)}\n`;
    attempt = piece.attempt;
    if (piece.kind === 'lines') text += piece.text;
    else {
      truncated = true;
      text += `${droppedNote(piece.lines, piece.bytes)}\n`;
    }
  }
  return { text, truncated };
}
