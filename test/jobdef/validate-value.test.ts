import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText, type LoadResult } from '../../src/jobdef/load.js';
import { validateDocument, validateValue } from '../../src/jobdef/validate.js';
import { fixture, FIXTURES } from './helpers.js';

/** Every job document of the invalid fixtures, as the CLI loads them. */
function invalidDocuments(): LoadResult['jobs'] {
  const into: LoadResult = { files: [], jobs: [], skipped: [], diagnostics: [] };
  for (const name of readdirSync(new URL('invalid/', FIXTURES)).filter((n) => n.endsWith('.yaml')))
    loadText(name, fixture(`invalid/${name}`), into);
  return into.jobs;
}

const job = (steps: Record<string, unknown>[], metadata: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Job',
  metadata: { alias: 'demo', ...metadata },
  trigger: { type: 'cron', configuration: { expression: '0 2 * * *' } },
  steps,
});

describe('validateValue', () => {
  it('finds in a parsed value what it finds in the YAML document, in the same order, named by field', () => {
    const documents = invalidDocuments();
    expect(documents.length).toBeGreaterThan(20);
    for (const doc of documents) {
      const fromText = validateDocument(doc).diagnostics;
      const fromValue = validateValue({ file: 'definitions[0]', value: doc.value }).diagnostics;
      expect(fromValue.map((d) => [d.severity, d.code, d.field, d.message])).toEqual(
        fromText.map((d) => [d.severity, d.code, d.field, d.message]),
      );
      expect(fromValue.every((d) => d.file === 'definitions[0]' && d.line === 0 && d.col === 0)).toBe(true);
    }
  });

  it('keeps lines and columns when the value comes with its document', () => {
    const doc = invalidDocuments()[0]!;
    expect(validateValue(doc).diagnostics).toEqual(validateDocument(doc).diagnostics);
    expect(validateValue(doc).diagnostics.every((d) => d.line > 0)).toBe(true);
  });

  it('takes durations as whole nanoseconds in the REST form and stores them as duration text', () => {
    const value = job([{ name: 'a', image: 'alpine', retries: 1, retryDelay: 1_500_000_000 }], {
      taskTimeout: 90_000_000_000,
      runTimeout: '1h',
    });
    const { diagnostics, job: normalised } = validateValue({ file: 'definitions[0]', value }, { form: 'rest' });
    expect(diagnostics).toEqual([]);
    expect(normalised).toMatchObject({ taskTimeoutMs: 90_000, runTimeoutMs: 3_600_000, source: undefined });
    expect(normalised!.steps[0]!.retryDelayMs).toBe(1500);
    expect(normalised!.spec.metadata).toMatchObject({ taskTimeout: '1m30s', runTimeout: '1h' });
    expect(normalised!.spec.steps[0]!.retryDelay).toBe('1.5s');
  });

  it('rejects a number that is not whole nanoseconds in the REST form, and any number in the YAML form', () => {
    const value = job([{ name: 'a', image: 'alpine', retryDelay: -1 }], { taskTimeout: 1.5 });
    const rest = validateValue({ file: 'definitions[2]', value }, { form: 'rest' }).diagnostics;
    expect(rest.map((d) => [d.code, d.field, d.message])).toEqual([
      [
        'E_DURATION',
        'metadata.taskTimeout',
        'metadata.taskTimeout must be a whole number of nanoseconds ≥ 0 (or a duration string); got 1.5',
      ],
      ['E_DURATION', 'steps[0].retryDelay', 'steps[0].retryDelay must be a whole number of nanoseconds ≥ 0 (or a duration string); got -1'],
    ]);
    const yaml = validateValue({ file: 'job.json', value: job([{ name: 'a', image: 'alpine' }], { taskTimeout: 5 }) }).diagnostics;
    expect(yaml.map((d) => d.message)).toEqual(['metadata.taskTimeout must be a duration string such as "30s", not the number 5']);
  });

  it('takes numbers where text is expected as the text they print as', () => {
    const { job: normalised } = validateValue({
      file: 'definitions[0]',
      value: job([{ name: 'a', image: 'alpine', env: { PORT: 8080, RATIO: 1.5, ON: true } }]),
    });
    expect(normalised!.steps[0]!.env).toEqual({ PORT: '8080', RATIO: '1.5', ON: 'true' });
  });
});
