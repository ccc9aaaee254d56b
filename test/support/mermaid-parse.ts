/**
 * Mermaid's own parser, run headless. `@mermaid-js/parser` does not cover
 * flowcharts, so this loads `mermaid` itself; its label sanitiser needs a DOM,
 * which happy-dom provides (nothing is rendered). `parse` resolves with the
 * diagram type or rejects with Mermaid's parse error.
 */
import { Window } from 'happy-dom';

/** A loaded parser and how to release its DOM. */
export interface MermaidParser {
  parse(text: string): Promise<string>;
  close(): Promise<void>;
}

export async function loadMermaidParser(): Promise<MermaidParser> {
  const window = new Window();
  const g = globalThis as Record<string, unknown>;
  g.window = window;
  g.document = window.document;
  const { default: mermaid } = await import('mermaid');
  return {
    async parse(text) {
      return (await mermaid.parse(text)).diagramType;
    },
    async close() {
      delete g.window;
      delete g.document;
      await window.happyDOM.close();
    },
  };
}
