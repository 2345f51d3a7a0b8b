import { describe, expect, it } from 'vitest';
import {
  addCounts,
  chunk,
  decideRunFailure,
  differs,
  fromUnixSeconds,
  isStaleRun,
  MAX_RUN_ATTEMPTS,
  nextPhase,
  tally,
} from '../sync-rules.ts';

describe('WeCom sync rules', () => {
  it.each([
    ['staff', 'tags'],
    ['tags', 'customers'],
    ['customers', 'groups'],
    ['groups', 'done'],
    ['done', 'done'],
  ] as const)('after %s comes %s', (phase, next) => {
    expect(nextPhase(phase)).toBe(next);
  });

  it('tallies outcomes and adds page counts without touching the totals', () => {
    const page = tally(['created', 'unchanged', 'unchanged', 'updated'], 2);
    expect(page).toEqual({ seen: 4, created: 1, updated: 1, unchanged: 2, removed: 2 });
    const total = { staff: { seen: 1, created: 1, updated: 0, unchanged: 0, removed: 0 } };
    const sum = addCounts(total, { staff: page, follows: { removed: 3 } });
    expect(sum).toEqual({
      staff: { seen: 5, created: 2, updated: 1, unchanged: 2, removed: 2 },
      follows: { seen: 0, created: 0, updated: 0, unchanged: 0, removed: 3 },
    });
    expect(total.staff.seen).toBe(1);
  });

  it.each([
    [[], 100, []],
    [[1, 2, 3], 2, [[1, 2], [3]]],
    [[1, 2], 2, [[1, 2]]],
  ])('chunks %j by %i', (items, size, out) => {
    expect(chunk(items, size)).toEqual(out);
  });

  it.each([
    ['running', 0, 120_001, true],
    ['running', 0, 120_000, false],
    ['done', 0, 999_999, false],
  ])('a %s run updated at %i is stale at %i: %s', (status, updated, now, stale) => {
    expect(isStaleRun({ status, updatedAt: new Date(updated) }, new Date(now))).toBe(stale);
  });

  it.each([
    [true, 1, 'retry'],
    [true, MAX_RUN_ATTEMPTS - 1, 'retry'],
    [true, MAX_RUN_ATTEMPTS, 'fail'],
    [false, 1, 'fail'],
  ] as const)('retryable=%s after %i attempts → %s', (retryable, attempts, decision) => {
    expect(decideRunFailure({ retryable, attempts })).toBe(decision);
  });

  it.each([
    [1_700_000_000, new Date(1_700_000_000_000)],
    ['1700000000', new Date(1_700_000_000_000)],
    [0, null],
    [undefined, null],
    ['x', null],
  ])('reads WeCom time %j', (value, date) => {
    expect(fromUnixSeconds(value)).toEqual(date);
  });

  it.each([
    ['a', undefined, false],
    ['a', 'a', false],
    ['a', 'b', true],
    [null, '', true],
    [null, null, false],
  ])('%j → %j differs: %s', (current, next, d) => {
    expect(differs(current, next)).toBe(d);
  });
});
