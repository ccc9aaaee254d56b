import { describe, expect, it } from 'vitest';
import { decideBranches, notSelectedReason } from '../../src/engine/branch.js';

describe('decideBranches', () => {
  it('skips the successors that were not selected', () => {
    expect(decideBranches(['b'], ['a', 'b', 'c'])).toEqual({ ok: true, skip: ['a', 'c'] });
  });
  it('keeps several selections', () => {
    expect(decideBranches(['c', 'a'], ['a', 'b', 'c'])).toEqual({ ok: true, skip: ['b'] });
  });
  it('skips every successor when nothing was selected', () => {
    expect(decideBranches([], ['a', 'b'])).toEqual({ ok: true, skip: ['a', 'b'] });
  });
  it('selecting everything skips nothing', () => {
    expect(decideBranches(['a', 'b'], ['a', 'b'])).toEqual({ ok: true, skip: [] });
  });
  it('rejects a name that is not a direct successor', () => {
    expect(decideBranches(['a', 'x'], ['a', 'b'])).toEqual({ ok: false, error: 'branch selected unknown step "x"; valid targets: [a b]' });
  });
  it('names the branch task in the skip reason', () => {
    expect(notSelectedReason('decide')).toBe('not selected by branch task "decide"');
  });
});
