import { describe, expect, it } from 'vitest';
import { cronExpressionOf, cronProblem, expandCron, isValidTimeZone } from '../../src/jobdef/cron.js';

describe('cron expressions (docs/decisions.md D4)', () => {
  it.each([
    '0 2 * * *',
    '*/15 * * * *',
    '0 9 * * MON-FRI',
    '30 6 1,15 * *',
    '@hourly',
    '@daily',
    '@midnight',
    '@weekly',
    '@monthly',
    '@yearly',
    '@annually',
    '@HOURLY',
  ])('accepts %s', (expr) => {
    expect(cronProblem(expr)).toBeUndefined();
    expect(cronProblem(expr, 'Europe/Berlin')).toBeUndefined();
  });

  it.each([
    ['0 2 * *', 'expected 5 fields (minute hour day-of-month month day-of-week), got 4'],
    ['0 0 2 * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), got 6'],
    ['@every 5m', '@every intervals are not supported'],
    ['@fortnightly', 'unknown descriptor "@fortnightly"'],
    ['61 * * * *', 'Constraint error, got value 61 expected range 0-59'],
  ])('rejects %s', (expr, problem) => {
    expect(cronProblem(expr)).toBe(problem);
  });

  it('rejects expressions that never fire', () => {
    expect(cronProblem('0 0 30 2 *')).toMatch(/day of month/);
  });

  it('expands descriptors to five fields', () => {
    expect(expandCron(' @daily ')).toBe('0 0 * * *');
    expect(expandCron('5 4 * * *')).toBe('5 4 * * *');
  });

  it('reads the expression from expression, cron or schedule, first non-empty wins', () => {
    expect(cronExpressionOf({ cron: '1 * * * *', schedule: '2 * * * *' })).toEqual({ key: 'cron', expression: '1 * * * *' });
    expect(cronExpressionOf({ expression: ' ', schedule: ' 2 * * * * ' })).toEqual({ key: 'schedule', expression: '2 * * * *' });
    expect(cronExpressionOf({ expression: 5 })).toBeUndefined();
    expect(cronExpressionOf(undefined)).toBeUndefined();
  });

  it('knows IANA time zones', () => {
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('Europe/Berlln')).toBe(false);
    expect(isValidTimeZone('CEST+2')).toBe(false);
  });
});
