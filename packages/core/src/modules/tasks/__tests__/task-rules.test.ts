import { describe, expect, it } from 'vitest';
import {
  canReopen,
  completionRate,
  localDayWindow,
  localMonthWindow,
  localWeekWindow,
  taskTransition,
  workbenchSection,
} from '../task-rules.ts';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (min: number) => new Date(now.getTime() - min * 60_000);

describe('taskTransition', () => {
  it.each([
    ['open', null, 'complete', 'apply'],
    ['done', ago(1), 'complete', 'same'],
    ['skipped', ago(1), 'complete', 'conflict'],
    ['expired', ago(1), 'complete', 'conflict'],
    ['open', null, 'skip', 'apply'],
    ['skipped', ago(1), 'skip', 'same'],
    ['done', ago(1), 'skip', 'conflict'],
    ['done', ago(10), 'reopen', 'apply'],
    ['done', ago(11), 'reopen', 'conflict'],
    ['skipped', ago(5), 'reopen', 'apply'],
    ['expired', ago(1), 'reopen', 'conflict'],
    ['open', null, 'reopen', 'same'],
  ] as const)('%s (closed %s) + %s → %s', (status, completedAt, action, expected) => {
    expect(taskTransition({ status, completedAt }, action, now)).toBe(expected);
  });

  it('cannot reopen without a completion time or with one in the future', () => {
    expect(canReopen({ status: 'done', completedAt: null }, now)).toBe(false);
    expect(canReopen({ status: 'done', completedAt: new Date(now.getTime() + 60_000) }, now)).toBe(false);
  });
});

describe('completionRate', () => {
  it.each([
    [{ total: 0, done: 0, pending: 0 }, 0],
    [{ total: 4, done: 2, pending: 0 }, 0.5],
    [{ total: 5, done: 2, pending: 1 }, 0.5],
    [{ total: 3, done: 0, pending: 3 }, 0],
  ])('%o → %d', (c, rate) => {
    expect(completionRate(c)).toBeCloseTo(rate);
  });
});

describe('local windows (UTC+8)', () => {
  it.each([
    ['2026-03-02T10:00:00Z', '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
    ['2026-03-02T16:00:00Z', '2026-03-02T16:00:00.000Z', '2026-03-03T16:00:00.000Z'],
    ['2026-03-02T15:59:59Z', '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
  ])('day of %s', (at, from, to) => {
    const w = localDayWindow(new Date(at));
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual([from, to]);
  });

  it.each([
    // 2026-03-02 is a Monday (local); Sunday 2026-03-08 23:00 local is still that week.
    ['2026-03-02T01:00:00+08:00', '2026-03-01T16:00:00.000Z'],
    ['2026-03-08T23:00:00+08:00', '2026-03-01T16:00:00.000Z'],
    ['2026-03-09T00:00:00+08:00', '2026-03-08T16:00:00.000Z'],
  ])('week of %s starts Monday', (at, from) => {
    expect(localWeekWindow(new Date(at)).from.toISOString()).toBe(from);
  });

  it('month of a time in the first local hours of a month', () => {
    const w = localMonthWindow(new Date('2026-03-31T17:00:00Z'));
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual(['2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z']);
  });
});

describe('workbenchSection', () => {
  it.each([
    ['sop_step', 'sop'],
    ['broadcast_confirm', 'broadcast'],
    ['moment', 'moment'],
    ['follow_up', 'follow_up'],
    ['manual', 'follow_up'],
    ['automation', 'follow_up'],
  ])('%s → %s', (kind, section) => {
    expect(workbenchSection(kind)).toBe(section);
  });
});
