import type { Step } from '../../jobdef/types.js';

interface Contract {
  producer: string;
  consumer: string;
  keys: string[];
}

/**
 * The data contracts a job declares through `inputSchema`, as `job lint`
 * prints them after its alias:
 * `2 data contracts (count → decide: rows; count → report: rows, table)`.
 * Keys are the `required` entries of each schema fragment, sorted; contracts
 * sorted by producer, consumer, keys. Undefined when there is none.
 */
export function contractSummary(steps: readonly Pick<Step, 'name' | 'inputSchema'>[]): string | undefined {
  const contracts: Contract[] = [];
  for (const step of steps) {
    for (const [producer, fragment] of Object.entries(step.inputSchema ?? {})) {
      const required: unknown = fragment.required;
      const keys = Array.isArray(required) ? required.filter((k): k is string => typeof k === 'string').sort() : [];
      contracts.push({ producer, consumer: step.name, keys });
    }
  }
  if (contracts.length === 0) return undefined;
  const order = (c: Contract): string[] => [c.producer, c.consumer, c.keys.join('\u0000')];
  contracts.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1;
    return 0;
  });
  const parts = contracts.map((c) => `${c.producer} → ${c.consumer}${c.keys.length > 0 ? `: ${c.keys.join(', ')}` : ''}`);
  const noun = contracts.length === 1 ? 'data contract' : 'data contracts';
  return `${contracts.length} ${noun} (${parts.join('; ')})`;
}
