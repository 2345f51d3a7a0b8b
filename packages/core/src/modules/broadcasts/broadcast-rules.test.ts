import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkRanges,
  DAY_MS,
  holdoutPoint,
  isHeldOut,
  quietHoursRelease,
  recentSends,
  statusOfResultCode,
  type TCaps,
  WEEK_MS,
  withinCaps,
} from './broadcast-rules.ts';

const SH = { start: '21:30', end: '09:00', timeZone: 'Asia/Shanghai' };

describe('quietHoursRelease', () => {
  it.each([
    // [at (UTC), quiet, expected release (UTC)]
    ['2026-05-01T04:00:00.000Z', SH, '2026-05-01T04:00:00.000Z'], // 12:00 Shanghai: outside
    ['2026-05-01T13:29:59.000Z', SH, '2026-05-01T13:29:59.000Z'], // 21:29:59: just before
    ['2026-05-01T13:30:00.000Z', SH, '2026-05-02T01:00:00.000Z'], // 21:30: starts → 09:00 next day
    ['2026-05-01T15:00:00.000Z', SH, '2026-05-02T01:00:00.000Z'], // 23:00
    ['2026-05-01T16:10:30.500Z', SH, '2026-05-02T01:00:00.000Z'], // 00:10:30.5 after midnight
    ['2026-05-02T00:59:59.000Z', SH, '2026-05-02T01:00:00.000Z'], // 08:59:59
    ['2026-05-02T01:00:00.000Z', SH, '2026-05-02T01:00:00.000Z'], // 09:00: the end is outside
    ['2026-05-01T15:00:00.000Z', { ...SH, start: '09:00', end: '09:00' }, '2026-05-01T15:00:00.000Z'], // none
    ['2026-05-01T05:00:00.000Z', { start: '12:00', end: '14:00', timeZone: 'Asia/Shanghai' }, '2026-05-01T06:00:00.000Z'], // 13:00, same-day window
    ['2026-05-01T22:30:00.000Z', { start: '22:00', end: '08:00', timeZone: 'UTC' }, '2026-05-02T08:00:00.000Z'],
  ])('%s with %j → %s', (at, quiet, expected) => {
    expect(quietHoursRelease(new Date(at), quiet).toISOString()).toBe(expected);
  });
});

describe('withinCaps', () => {
  it.each([
    [{ lastDay: 0, lastWeek: 0 }, { perDay: 1, perWeek: 3 }, true],
    [{ lastDay: 1, lastWeek: 1 }, { perDay: 1, perWeek: 3 }, false],
    [{ lastDay: 0, lastWeek: 2 }, { perDay: 1, perWeek: 3 }, true],
    [{ lastDay: 0, lastWeek: 3 }, { perDay: 1, perWeek: 3 }, false],
    [{ lastDay: 1, lastWeek: 1 }, { perDay: 2, perWeek: 3 }, true],
  ])('%j under %j → %s', (recent, caps, expected) => {
    expect(withinCaps(recent, caps)).toBe(expected);
  });

  it('counts a send exactly one window ago outside it', () => {
    const at = new Date('2026-05-08T00:00:00Z');
    const history = [new Date(at.getTime() - DAY_MS), new Date(at.getTime() - WEEK_MS), new Date(at.getTime() - 1000)];
    expect(recentSends(history, at)).toEqual({ lastDay: 1, lastWeek: 2 });
  });

  it('never lets a customer exceed the daily or weekly cap, whatever the attempts (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ perDay: fc.integer({ min: 1, max: 4 }), perWeek: fc.integer({ min: 1, max: 10 }) }),
        // Broadcast attempts at increasing times over a month (minute resolution).
        fc.array(fc.integer({ min: 0, max: 30 * 24 * 60 }), { maxLength: 120 }),
        (caps: TCaps, minutes) => {
          const attempts = [...minutes].sort((a, b) => a - b).map((m) => new Date(Date.UTC(2026, 4, 1) + m * 60_000));
          const accepted: Date[] = [];
          for (const at of attempts) if (withinCaps(recentSends(accepted, at), caps)) accepted.push(at);
          // Every sliding window (ending at any accepted send) holds at most the cap.
          for (const end of accepted) {
            const { lastDay, lastWeek } = recentSends(accepted, new Date(end.getTime() + 1));
            if (lastDay > caps.perDay || lastWeek > caps.perWeek) return false;
          }
          // And greed: an attempt was refused only when a cap was really full.
          for (const at of attempts) {
            if (accepted.includes(at)) continue;
            const before = accepted.filter((d) => d.getTime() <= at.getTime() && d !== at);
            if (withinCaps(recentSends(before, at), caps)) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('holdout', () => {
  it('holds out a share within tolerance of the percent asked (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 50 }), (broadcastId, percent) => {
        const n = 20_000;
        let held = 0;
        for (let id = 1; id <= n; id++) if (isHeldOut(broadcastId, id, percent)) held++;
        // 4.5 standard deviations of a binomial: fails by chance about once in 150,000 runs.
        const p = percent / 100;
        return Math.abs(held / n - p) <= 4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-9;
      }),
      { numRuns: 40 },
    );
  });

  it('is stable: the same (broadcast, recipient) always gets the same answer, and 0 % holds out nobody', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 52 }), (b, r) => {
        const p = holdoutPoint(b, r);
        return p >= 0 && p < 1 && holdoutPoint(b, r) === p && !isHeldOut(b, r, 0);
      }),
    );
  });

  it('draws different control groups for different broadcasts', () => {
    let both = 0;
    for (let id = 1; id <= 10_000; id++) if (isHeldOut(1, id, 10) && isHeldOut(2, id, 10)) both++;
    // Independent draws overlap in about 1 % (100); the same draw would overlap in 10 % (1,000).
    expect(both).toBeGreaterThan(50);
    expect(both).toBeLessThan(170);
  });
});

describe('statusOfResultCode and chunkRanges', () => {
  it.each([
    [1, 'sent'],
    [2, 'not_friend'],
    [3, 'over_limit'],
    [0, 'unconfirmed'],
  ])('WeCom code %i → %s', (code, status) => {
    expect(statusOfResultCode(code)).toBe(status);
  });
  it.each([
    [0, 10, []],
    [10, 10, [{ from: 0, to: 10 }]],
    [
      25,
      10,
      [
        { from: 0, to: 10 },
        { from: 10, to: 20 },
        { from: 20, to: 25 },
      ],
    ],
  ])('%i targets in chunks of %i', (n, max, expected) => {
    expect(chunkRanges(n, max)).toEqual(expected);
  });
});
