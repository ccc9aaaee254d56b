/** The named parts of a cache key and what a miss says changed (pure), and the words of a local command that may name files. */
import { describe, expect, it } from 'vitest';
import { changedParts, keyParts, partsOfBlob } from '../../src/engine/cache/key-parts.js';
import { commandWords } from '../../src/engine/cache/command-words.js';

const lines = (over: Partial<Record<string, string>> = {}): string[] =>
  [
    'job_alias:etl',
    'task_name:load',
    'image:alpine:3',
    `command:${over.command ?? 'sh\u0000run.sh'}`,
    `env:TOKEN=${over.token ?? 'secret://env/T'}`,
    'workdir:',
    `param:day=${over.day ?? '2024-01-01'}`,
    `pred_output:extract:rows=${over.rows ?? '3'}`,
    `input:run.sh=${over.script ?? 'sha256:aa'}`,
    'cache_version:0',
  ].filter((l) => !l.endsWith('=-'));

describe('cache key parts', () => {
  it('name what changed, never a value', () => {
    const before = keyParts(lines(), [{ name: 'extract', hash: 'h1' }]);
    expect(JSON.stringify(before)).not.toContain('secret://');
    expect(changedParts(before, keyParts(lines(), [{ name: 'extract', hash: 'h1' }]))).toEqual([]);
    const now = keyParts(lines({ script: 'sha256:bb', rows: '4', day: '2024-01-02', command: 'sh' }), [{ name: 'extract', hash: 'h2' }]);
    expect(changedParts(before, now)).toEqual([
      'command changed',
      'input file run.sh changed',
      'param day changed',
      'output rows of predecessor extract changed',
      'predecessor extract has a new key',
    ]);
    expect(changedParts(before, keyParts(lines({ script: '-' }), [{ name: 'extract', hash: 'h1' }]))).toEqual([
      'input file run.sh is gone',
    ]);
  });

  it('round-trip through the stored blob; an entry without parts has none', () => {
    const parts = keyParts(lines(), []);
    expect(partsOfBlob(JSON.parse(JSON.stringify({ keyParts: parts })))).toEqual(parts);
    expect(partsOfBlob(null)).toBeUndefined();
  });
});

describe('commandWords', () => {
  it('offers arguments and shell words, not options, assignments or output redirection targets', () => {
    expect(commandWords(['sh', '-c', 'python3 ./etl.py --day=1 < in.csv > out.txt 2>> err.log; A=b ./post.sh'])).toEqual([
      'sh',
      'python3',
      './etl.py',
      'in.csv',
      './post.sh',
    ]);
    expect(commandWords(undefined)).toEqual([]);
  });
});
