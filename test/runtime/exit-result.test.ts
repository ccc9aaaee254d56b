import { describe, expect, test } from 'vitest';
import { exitFromCode, exitFromProcess } from '../../src/runtime/exit-result.js';

describe('exit → result (docs/decisions.md §2.12)', () => {
  test.each([
    [0, 'success'],
    [1, 'failure'],
    [2, 'failure'],
    [127, 'failure'],
    [137, 'killed'],
    [143, 'terminated'],
    [130, 'terminated'],
    [139, 'failure'],
  ] as const)('exit code %i is %s', (code, result) => {
    expect(exitFromCode(code)).toEqual({ result, exitCode: code });
  });

  test('an out-of-memory kill is a resource failure', () => {
    expect(exitFromCode(137, true)).toEqual({ result: 'resource_failure', exitCode: 137 });
  });

  test('a process signal counts as 128 + its number', () => {
    expect(exitFromProcess(null, 'SIGKILL')).toEqual({ result: 'killed', exitCode: 137 });
    expect(exitFromProcess(null, 'SIGTERM')).toEqual({ result: 'terminated', exitCode: 143 });
    expect(exitFromProcess(null, 'SIGSEGV')).toEqual({ result: 'failure', exitCode: 139 });
    expect(exitFromProcess(4, null)).toEqual({ result: 'failure', exitCode: 4 });
    expect(exitFromProcess(null, null)).toEqual({ result: 'unknown', exitCode: null });
  });
});
