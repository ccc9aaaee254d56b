/**
 * The YAML parse every loader uses, guarded so that no input can make it
 * throw, recurse without bound or spend unbounded time and memory on errors
 * (docs/decisions.md, "A loader that never throws"): documents nested deeper
 * than `MAX_DEPTH` are refused before yaml composes them (its composer
 * recurses once per level), and past `MAX_YAML_ERRORS` problems a file's
 * further errors are only counted.
 */
import { Composer, Lexer, Parser, type CST, type Document, type LineCounter } from 'yaml';

/** Deepest nesting of collections a document may have (job and harness files need about ten). */
export const MAX_DEPTH = 64;

/** Problems shown per file; the rest are counted (`… and N more`). */
export const MAX_YAML_ERRORS = 20;

/** One YAML problem, at a character offset of the file. */
export interface YamlProblem {
  offset: number;
  /** yaml's code (`DUPLICATE_KEY`, `BAD_INDENT`…) or ours (`TOO_DEEP`). */
  code: string;
  message: string;
}

/** A document as composed, or refused (`doc` undefined) with the reason among its problems. */
export interface ComposedDocument {
  doc: Document.Parsed | undefined;
  /** Offset where the document's content starts. */
  offset: number;
  problems: YamlProblem[];
}

export interface ComposedStream {
  documents: ComposedDocument[];
  /** Problems beyond `MAX_YAML_ERRORS`, counted but not kept. */
  more: number;
  /** Offset of the first problem not kept. */
  moreOffset: number;
}

/** Parses `text` into documents; never throws for any input. */
export function composeYaml(text: string, lineCounter: LineCounter): ComposedStream {
  const parser = new Parser((offset) => lineCounter.addNewLine(offset));
  const cut: { offset?: number } = {};
  const composer = new Composer({ uniqueKeys: true });
  // Per document token, in order (the composer yields one document for each): where it is too deep.
  const tooDeep: (number | undefined)[] = [];
  let loose = 0;
  let firstDropped = 0;
  const docs: Document.Parsed[] = [];
  const take = (it: Iterable<Document.Parsed>): void => {
    for (const d of it) docs.push(d);
  };
  // yaml makes an Error for each problem; their stack traces are never shown and would cost more than the parse.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const token of parsed(text, parser, lineCounter, cut)) {
      // Stray tokens past the cap are only counted: yaml would build an error object for each.
      if (token.type === 'error' && ++loose > MAX_YAML_ERRORS) {
        if (loose === MAX_YAML_ERRORS + 1) firstDropped = token.offset;
        continue;
      }
      if (token.type === 'document') {
        const deep = deepestOffset(token) ?? cut.offset;
        tooDeep.push(deep);
        take(composer.next(deep === undefined ? token : { ...token, value: undefined }));
      } else {
        take(composer.next(token));
      }
    }
    take(composer.end());
  } catch (err) {
    // yaml reports its own problems as data; anything it throws is a problem of the whole file.
    return {
      documents: [{ doc: undefined, offset: 0, problems: [{ offset: 0, code: 'YAML', message: (err as Error).message }] }],
      more: 0,
      moreOffset: 0,
    };
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  const stream = capped(docs.map((doc, i) => described(doc, tooDeep[i])));
  const dropped = Math.max(0, loose - MAX_YAML_ERRORS);
  return dropped === 0
    ? stream
    : { ...stream, more: stream.more + dropped, moreOffset: stream.more === 0 ? firstDropped : stream.moreOffset };
}

function described(doc: Document.Parsed, deep: number | undefined): ComposedDocument {
  const problems: YamlProblem[] = doc.errors.map((e) => ({ offset: e.pos[0], code: e.code, message: e.message }));
  const offset = doc.contents?.range[0] ?? doc.range[0];
  if (deep === undefined) return { doc, offset, problems };
  problems.unshift({ offset: deep, code: 'TOO_DEEP', message: `nesting deeper than ${MAX_DEPTH} levels` });
  return { doc: undefined, offset: deep, problems };
}

/** Keeps the first `MAX_YAML_ERRORS` problems of the stream, counting the rest. */
function capped(documents: ComposedDocument[]): ComposedStream {
  let kept = 0;
  let more = 0;
  let moreOffset = 0;
  for (const d of documents) {
    const room = Math.max(0, MAX_YAML_ERRORS - kept);
    if (d.problems.length > room) {
      if (more === 0) moreOffset = (d.problems[room] as YamlProblem).offset;
      more += d.problems.length - room;
      d.problems.length = room;
      if (d.doc !== undefined && room === 0) d.doc = undefined;
    }
    kept += d.problems.length;
  }
  return { documents, more, moreOffset };
}

/**
 * The parser's tokens for `text`, stopping (and setting `cut.offset`) where
 * the parser's stack grows past `MAX_DEPTH`: yaml's parser slows down with
 * every level, so 100 KB of `[` would take seconds. What follows the cut is
 * not read; the document it is in is refused as too deep.
 */
function* parsed(text: string, parser: Parser, lineCounter: LineCounter, cut: { offset?: number }): Generator<CST.Token> {
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    // The document and a token being built sit on the stack besides the collections.
    if (parser.stack.length > MAX_DEPTH + 2) {
      cut.offset = parser.offset;
      break;
    }
  }
  yield* parser.end();
}

/**
 * Where a document first nests deeper than `MAX_DEPTH` collections, or
 * undefined. Walks the syntax tree with an explicit stack (no recursion).
 */
function deepestOffset(document: CST.Document): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  if (document.value !== undefined) stack.push({ token: document.value, depth: 0 });
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { token, depth } = top;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_DEPTH) return token.offset;
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key !== undefined && item.key !== null) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value !== undefined) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}
