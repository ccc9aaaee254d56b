/**
 * Reads the members of a JSON object with each value's source text, so a
 * number keeps the digits it was written with (docs/decisions.md D9: `1000000` stays `1000000`).
 */

/**
 * The members of the JSON object in `text`, in order, each value as its
 * source text; undefined when `text` is not a JSON object.
 */
export function objectMembers(text: string): [key: string, raw: string][] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  // `text` is valid JSON from here on, so the scanner need not check syntax.
  const out: [string, string][] = [];
  let i = skipSpace(text, text.indexOf('{') + 1);
  while (text[i] !== '}') {
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, i);
    out.push([key, text.slice(i, valueEnd)]);
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

/** `raw` without whitespace outside strings (compact JSON, number texts untouched). */
export function compactJson(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length;) {
    const c = raw[i] as string;
    if (c === '"') {
      const end = skipString(raw, i);
      out += raw.slice(i, end);
      i = end;
    } else {
      if (!isSpace(c)) out += c;
      i++;
    }
  }
  return out;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text[i])) i++;
  return i;
}

/** `i` is at an opening quote; returns the index after the closing one. */
function skipString(text: string, i: number): number {
  i++;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const d = text[i];
      if (d === '"') {
        i = skipString(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') depth--;
      i++;
      if (depth === 0) return i;
    }
    return i;
  }
  while (i < text.length && text[i] !== ',' && text[i] !== '}' && text[i] !== ']' && !isSpace(text[i])) i++;
  return i;
}
