import { describe, expect, it } from 'vitest';
import {
  expandCalendar,
  isCalendarDate,
  isClockTime,
  isoWeekday,
  journeyStepDue,
  selectDueSteps,
  shanghaiDate,
  shanghaiInstant,
  stepProgress,
  type TStepStatus,
} from '../sop-timing.ts';

const iso = (d: Date) => d.toISOString();

describe('Shanghai wall-clock conversions', () => {
  it.each([
    { date: '2026-03-02', time: '09:30', utc: '2026-03-02T01:30:00.000Z' },
    { date: '2026-03-02', time: '00:00', utc: '2026-03-01T16:00:00.000Z' },
    { date: '2026-03-02', time: '23:59', utc: '2026-03-02T15:59:00.000Z' },
    // No DST: the same offset in summer and on the days Europe/US switch clocks.
    { date: '2026-07-15', time: '08:00', utc: '2026-07-15T00:00:00.000Z' },
    { date: '2026-03-29', time: '02:30', utc: '2026-03-28T18:30:00.000Z' },
    { date: '2026-11-01', time: '01:30', utc: '2026-10-31T17:30:00.000Z' },
    { date: '2028-02-29', time: '12:00', utc: '2028-02-29T04:00:00.000Z' },
  ])('$date $time is $utc and back', ({ date, time, utc }) => {
    const at = shanghaiInstant(date, time);
    expect(iso(at)).toBe(utc);
    expect(shanghaiDate(at)).toBe(date);
  });

  it.each([
    { date: '2026-03-02', weekday: 1 },
    { date: '2026-03-07', weekday: 6 },
    { date: '2026-03-08', weekday: 7 },
    { date: '2027-01-01', weekday: 5 },
  ])('$date is ISO weekday $weekday', ({ date, weekday }) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ['09:30', true],
    ['23:59', true],
    ['24:00', false],
    ['9:30', false],
    ['12:60', false],
  ] as const)('isClockTime(%s) = %s', (value, ok) => {
    expect(isClockTime(value)).toBe(ok);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
  ] as const)('isCalendarDate(%s) = %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });
});

describe('expandCalendar', () => {
  const items = [
    { id: 1, weekday: 1, time: '10:00' }, // Monday 每日好物
    { id: 2, weekday: 3, time: '20:00' }, // Wednesday 限时秒杀
    { id: 3, weekday: null, time: '08:30' }, // no weekday: only on a daily timeline
  ];
  it.each([
    {
      name: 'weekly, one week: each item on its weekday; an item without weekday never',
      timeline: 'weekly' as const,
      from: '2026-03-02',
      to: '2026-03-08',
      expected: ['1@2026-03-02T02:00', '2@2026-03-04T12:00'],
    },
    {
      name: 'weekly, two weeks',
      timeline: 'weekly' as const,
      from: '2026-03-02',
      to: '2026-03-15',
      expected: ['1@2026-03-02T02:00', '2@2026-03-04T12:00', '1@2026-03-09T02:00', '2@2026-03-11T12:00'],
    },
    {
      name: 'weekly, a range with no matching weekday',
      timeline: 'weekly' as const,
      from: '2026-03-05',
      to: '2026-03-07',
      expected: [],
    },
    {
      name: 'daily: every item every day, sorted by time',
      timeline: 'daily' as const,
      from: '2026-03-02',
      to: '2026-03-03',
      expected: [
        '3@2026-03-02T00:30',
        '1@2026-03-02T02:00',
        '2@2026-03-02T12:00',
        '3@2026-03-03T00:30',
        '1@2026-03-03T02:00',
        '2@2026-03-03T12:00',
      ],
    },
    { name: 'an empty range (to before from)', timeline: 'daily' as const, from: '2026-03-03', to: '2026-03-02', expected: [] },
  ])('$name', ({ timeline, from, to, expected }) => {
    const got = expandCalendar(timeline, items, from, to).map((s) => `${s.itemId}@${iso(s.dueAt).slice(0, 16)}`);
    expect(got).toEqual(expected);
  });

  it('puts an early-morning Shanghai slot on the right local date (UTC is the day before)', () => {
    const [slot] = expandCalendar('daily', [{ id: 9, weekday: null, time: '07:00' }], '2026-03-02', '2026-03-02');
    expect(slot?.date).toBe('2026-03-02');
    expect(iso(slot?.dueAt ?? new Date(0))).toBe('2026-03-01T23:00:00.000Z');
  });
});

describe('journeyStepDue', () => {
  // Added on 2026-03-02 at 14:00 Shanghai.
  const anchor = new Date('2026-03-02T06:00:00Z');
  it.each([
    { step: { dayOffset: 0, time: '20:00' }, date: '2026-03-02', due: '2026-03-02T12:00:00.000Z' },
    // Day 0 whose time had passed at enrolment: runs at once (due at the anchor).
    { step: { dayOffset: 0, time: '09:00' }, date: '2026-03-02', due: '2026-03-02T06:00:00.000Z' },
    { step: { dayOffset: 0, time: null }, date: '2026-03-02', due: '2026-03-02T06:00:00.000Z' },
    { step: { dayOffset: 1, time: '09:00' }, date: '2026-03-03', due: '2026-03-03T01:00:00.000Z' },
    { step: { dayOffset: 3, time: '10:30' }, date: '2026-03-05', due: '2026-03-05T02:30:00.000Z' },
    { step: { dayOffset: 7, time: null }, date: '2026-03-09', due: '2026-03-09T06:00:00.000Z' },
  ])('day $step.dayOffset at $step.time → $due', ({ step, date, due }) => {
    const r = journeyStepDue(anchor, step);
    expect(r.date).toBe(date);
    expect(iso(r.dueAt)).toBe(due);
  });

  it('counts day 0 as the Shanghai date of the add, even late in the UTC day', () => {
    // 2026-03-02T17:00Z is 01:00 on 03-03 in Shanghai.
    const r = journeyStepDue(new Date('2026-03-02T17:00:00Z'), { dayOffset: 1, time: '09:00' });
    expect(r.date).toBe('2026-03-04');
  });
});

describe('due selection and progress', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const at = (min: number) => new Date(now.getTime() + min * 60_000);
  const steps: { id: number; status: TStepStatus; dueAt: Date }[] = [
    { id: 1, status: 'planned', dueAt: at(-5) },
    { id: 2, status: 'planned', dueAt: at(0) },
    { id: 3, status: 'planned', dueAt: at(1) },
    { id: 4, status: 'skipped', dueAt: at(-10) },
    { id: 5, status: 'task_created', dueAt: at(-10) },
    { id: 6, status: 'planned', dueAt: at(-5) },
    { id: 7, status: 'cancelled', dueAt: at(-60) },
  ];
  it('takes planned steps due by now, earliest first then by id, up to the limit', () => {
    expect(selectDueSteps(steps, now, 10).map((s) => s.id)).toEqual([1, 6, 2]);
    expect(selectDueSteps(steps, now, 2).map((s) => s.id)).toEqual([1, 6]);
    expect(selectDueSteps(steps, at(-6), 10)).toEqual([]);
  });

  it.each([
    { status: 'planned', dueIn: 5, expected: 'upcoming' },
    { status: 'planned', dueIn: -5, expected: 'pending' },
    { status: 'task_created', dueIn: -59, expected: 'pending' },
    { status: 'task_created', dueIn: -60, expected: 'overdue' },
    { status: 'due', dueIn: -120, expected: 'overdue' },
    { status: 'sent', dueIn: -120, expected: 'done' },
    { status: 'done', dueIn: -1, expected: 'done' },
    { status: 'skipped', dueIn: -1, expected: 'skipped' },
    { status: 'cancelled', dueIn: 10, expected: 'cancelled' },
  ] as const)('$status due in $dueIn min → $expected', ({ status, dueIn, expected }) => {
    expect(stepProgress({ status, dueAt: at(dueIn) }, now)).toBe(expected);
  });
});
