import { describe, expect, it } from 'vitest';
import { choiceHint, editDistance, suggest } from '../../src/jobdef/suggest.js';

const STEP_KEYS = [
  'name',
  'type',
  'engine',
  'image',
  'command',
  'env',
  'workdir',
  'mounts',
  'volumeMounts',
  'nodeSelector',
  'next',
  'dependsOn',
  'retries',
  'retryDelay',
  'retryBackoff',
  'triggerRule',
  'outputSchema',
  'inputSchema',
  'cache',
];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('dependOn', 'dependsOn')).toBe(1);
    expect(editDistance('imgae', 'image')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('suggest', () => {
  it.each([
    ['dependOn', 'dependsOn'],
    ['depends_on', 'dependsOn'],
    ['workDir', 'workdir'],
    ['imgae', 'image'],
    ['retrys', 'retries'],
    ['triggerrule', 'triggerRule'],
    ['comand', 'command'],
    ['nxt', 'next'],
  ])('%s → %s', (word, near) => {
    expect(suggest(word, STEP_KEYS)).toBe(near);
  });

  it('suggests nothing when no key is close', () => {
    expect(suggest('zzz', STEP_KEYS)).toBeUndefined();
    expect(suggest('priorityClass', STEP_KEYS)).toBeUndefined();
    expect(suggest('x', [])).toBeUndefined();
  });

  it('prefers the earlier candidate on a tie', () => {
    expect(suggest('ab', ['ac', 'ad'])).toBe('ac');
  });

  it('turns into a hint for choice values', () => {
    expect(choiceHint('dokcer', ['docker', 'podman'], 'fallback')).toBe('did you mean "docker"?');
    expect(choiceHint('xyz', ['docker', 'podman'], 'fallback')).toBe('fallback');
  });
});
