/** Which failures mean "the database cannot be written now", and the retry of run-progress writes (write-health.ts). */
import { describe, expect, it } from 'vitest';
import { WriteHealth } from '../../src/server/database/write-health.js';

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('WriteHealth', () => {
  it('names a full disk, a read-only file system and an I/O error, and ignores any other failure', () => {
    const logs: string[] = [];
    const health = new WriteHealth({ log: (l) => logs.push(l), database: 'database /srv/c.db' });
    expect(health.noteFailure(coded('UNIQUE constraint failed: runs.id', 'SQLITE_CONSTRAINT_PRIMARYKEY'))).toBeUndefined();
    expect(health.noteFailure(new Error('boom'))).toBeUndefined();
    expect(health.failure).toBeUndefined();
    expect(health.noteFailure(coded('attempt to write a readonly database', 'SQLITE_READONLY'))).toBe(
      'attempt to write a readonly database (SQLITE_READONLY)',
    );
    expect(health.noteFailure(new Error('commit failed', { cause: coded('no space left on device', 'ENOSPC') }))).toBe(
      'no space left on device (ENOSPC)',
    );
    expect(health.noteFailure(coded('disk I/O error', 'SQLITE_IOERR_WRITE'))).toBe('disk I/O error (SQLITE_IOERR_WRITE)');
    expect(health.failure?.reason).toBe('attempt to write a readonly database (SQLITE_READONLY)');
    expect(health.refusal('database or disk is full (SQLITE_FULL)')).toBe(
      'the database /srv/c.db cannot be written: database or disk is full (SQLITE_FULL); free space or make it writable: the server recovers by itself',
    );
    health.noteSuccess();
    expect(health.failure).toBeUndefined();
    expect(logs).toEqual([
      'caesium server: the database /srv/c.db cannot be written (attempt to write a readonly database (SQLITE_READONLY)): requests that write answer 503, /health is degraded, and run progress is written once it can be',
      'caesium server: the database /srv/c.db can be written again',
    ]);
  });

  it('retries a write while the database cannot be written, and rethrows any other failure at once', async () => {
    const health = new WriteHealth({ log: () => undefined, database: 'database x' });
    let calls = 0;
    const value = await health.retry(() => {
      calls++;
      if (calls < 3) return Promise.reject(coded('database or disk is full', 'SQLITE_FULL'));
      return Promise.resolve('written');
    });
    expect([value, calls, health.failure]).toEqual(['written', 3, undefined]);
    await expect(health.retry(() => Promise.reject(new Error('not a disk problem')))).rejects.toThrow('not a disk problem');
    health.close();
  });
});
