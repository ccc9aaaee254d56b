/** A tiny reader for the JUnit documents the harness writes (enough to check them, not a general XML parser). */

export interface Element {
  attrs: Record<string, string>;
  /** Inner text or markup, unescaped only for text-only elements. */
  body: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five named entities and numeric character references. */
function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref] ?? all;
  });
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = unescapeXml(m[2]!);
  return out;
}

/** Every `<tag …>…</tag>` or `<tag …/>` in `xml`, in order (not nested in itself). */
export function elements(xml: string, tag: string): Element[] {
  const re = new RegExp(`<${tag}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => ({ attrs: attributes(m[1] ?? ''), body: m[2] ?? '' }));
}

/** Checks the document is well-formed enough: declaration, balanced tags, no raw `<` or `&` in text. */
export function assertWellFormed(xml: string): void {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) throw new Error('missing XML declaration');
  const stack: string[] = [];
  for (const m of xml
    .slice(xml.indexOf('?>') + 2)
    .matchAll(/<(\/?)([\w:-]+)([^>]*?)(\/?)>|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi)) {
    if (m[0].startsWith('&')) throw new Error(`unescaped & at ${m.index}`);
    const [, close, name, , selfClose] = m;
    if (selfClose === '/') continue;
    if (close === '/') {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else stack.push(name!);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}
