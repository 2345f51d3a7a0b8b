import { describe, expect, it } from 'vitest';
import { massTaskResults, monthlyCapWindow, NEVER_CONFIRM_PERCENT, staffNeverConfirms } from './sim-rules.ts';

describe('monthlyCapWindow', () => {
  it.each([
    // The month is China's calendar month: 2026-02-28T16:00Z is already March 1st in Shanghai.
    ['2026-02-10T00:00:00Z', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', 28],
    ['2026-02-28T16:00:00Z', '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z', 31],
    ['2028-02-15T12:00:00Z', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z', 29],
    ['2026-04-30T15:59:59Z', '2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z', 30],
    ['2026-12-31T20:00:00Z', '2026-12-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z', 31],
  ])('%s → [%s, %s), cap %i', (now, start, end, cap) => {
    const w = monthlyCapWindow(new Date(now));
    expect(w.start.toISOString()).toBe(start);
    expect(w.end.toISOString()).toBe(end);
    expect(w.cap).toBe(cap);
  });
});

describe('massTaskResults', () => {
  it('marks not-friends 2, over-cap 3, others 1, and counts a repeated target once', () => {
    const results = massTaskResults(['a', 'b', 'c', 'a'], new Set(['a', 'c']), new Map([['c', 30]]), 30);
    expect(results).toEqual({ a: 1, b: 2, c: 3 });
  });
  it('a customer one below the cap still receives', () => {
    expect(massTaskResults(['a'], new Set(['a']), new Map([['a', 29]]), 30)).toEqual({ a: 1 });
  });
});

describe('staffNeverConfirms', () => {
  it('is deterministic and about the configured share', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `staff${i}`);
    const never = ids.filter((id) => staffNeverConfirms(1, id));
    expect(ids.filter((id) => staffNeverConfirms(1, id))).toEqual(never);
    const share = (never.length / ids.length) * 100;
    expect(share).toBeGreaterThan(NEVER_CONFIRM_PERCENT - 4);
    expect(share).toBeLessThan(NEVER_CONFIRM_PERCENT + 4);
  });
});
