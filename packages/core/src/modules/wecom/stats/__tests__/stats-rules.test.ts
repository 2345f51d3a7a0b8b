import { describe, expect, it } from 'vitest';
import {
  dayEndUnix,
  dayOfStatTime,
  dayStartUnix,
  daysBetween,
  pullRangeProblem,
  shanghaiDay,
  yesterdayIn,
} from '../stats-rules.ts';

describe('WeCom statistics days (Asia/Shanghai)', () => {
  it.each([
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
    ['2026-12-31T16:30:00Z', '2027-01-01'],
  ])('%s is %s in Shanghai', (at, day) => {
    expect(shanghaiDay(new Date(at))).toBe(day);
  });

  it('turns days into WeCom timestamps and back', () => {
    expect(dayStartUnix('2026-03-02')).toBe(Date.parse('2026-03-01T16:00:00Z') / 1000);
    expect(dayEndUnix('2026-03-02')).toBe(Date.parse('2026-03-02T15:59:59Z') / 1000);
    expect(dayOfStatTime(dayStartUnix('2026-03-02'))).toBe('2026-03-02');
    // A UTC midnight (some servers send those) still reads as the same date.
    expect(dayOfStatTime(Date.parse('2026-03-02T00:00:00Z') / 1000)).toBe('2026-03-02');
  });

  it('lists days, both ends included', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });

  const now = new Date('2026-03-10T02:00:00Z'); // 10:00 in Shanghai
  it('knows yesterday in Shanghai', () => {
    expect(yesterdayIn(now)).toBe('2026-03-09');
    expect(yesterdayIn(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-09');
  });

  it.each([
    [{ from: '2026-03-01', to: '2026-03-09' }, null],
    [{ from: '2026-03-09', to: '2026-03-09' }, null],
    [{ from: '2026-02-08', to: '2026-03-09' }, null],
    [{ from: '2026-02-07', to: '2026-03-09' }, /31 days is more than 30/],
    [{ from: '2026-03-05', to: '2026-03-01' }, /from: must be on or before to/],
    [{ from: '2026-03-09', to: '2026-03-10' }, /up to yesterday \(2026-03-09\)/],
    [{ from: '2025-09-01', to: '2025-09-02' }, /keeps 180 days/],
    [{ from: '2026-3-1', to: '2026-03-02' }, /from: use a date/],
    [{ from: '2026-03-01', to: 'yesterday' }, /to: use a date/],
  ])('range %j → %s', (range, problem) => {
    const got = pullRangeProblem(range, now);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });
});
