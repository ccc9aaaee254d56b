import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixture, lintText, render } from './helpers.js';

/**
 * Each file of test/fixtures/invalid states what it must produce in its header:
 *   # expect: <line>:<col> <severity> <CODE> <message>
 * The diagnostics of the whole file must be exactly those, in that order.
 */
const files = readdirSync(new URL('invalid/', FIXTURES))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('invalid job definitions', () => {
  it('has a corpus of at least 40 fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', (name) => {
    const text = fixture(`invalid/${name}`);
    const expected = text
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => l.slice('# expect: '.length));
    expect(expected.length, 'fixture declares its expectations').toBeGreaterThan(0);
    const { diagnostics, jobs } = lintText(`invalid/${name}`, text);
    expect(diagnostics.map(render)).toEqual(expected);
    for (const d of diagnostics) {
      expect(d.file).toBe(`invalid/${name}`);
      expect(d.hint, `${render(d)} has a hint`).toMatch(/\S/);
    }
    // A document with an error yields no job.
    const documents = text.split(/^---$/m).length;
    if (diagnostics.some((d) => d.severity === 'error')) expect(jobs.filter((j) => j !== undefined).length).toBeLessThan(documents);
  });
});
