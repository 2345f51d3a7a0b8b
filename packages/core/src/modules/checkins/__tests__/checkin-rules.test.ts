import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, localDate, localMinutes } from '../checkin-days.ts';
import {
  calendarOf,
  campaignPhase,
  checkinRefusal,
  computeStreak,
  currentStreakFromCache,
  makeupRefusal,
  matchesKeyword,
  reminderDueDay,
  streakBucketLabel,
  type TMilestoneRule,
  type TMissedDayRule,
} from '../checkin-rules.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const milestones: TMilestoneRule[] = [
  { kind: 'streak', days: 3 },
  { kind: 'streak', days: 7 },
  { kind: 'total', days: 10 },
  { kind: 'streak', days: 21 },
];

describe('computeStreak', () => {
  type Row = {
    name: string;
    rule: TMissedDayRule;
    checked: number[];
    makeups?: number[];
    today: number;
    days?: number;
    want: { current: number; longest: number; total: number; reached: number[] };
  };
  const rows: Row[] = [
    { name: 'nothing yet', rule: 'reset', checked: [], today: 0, want: { current: 0, longest: 0, total: 0, reached: [] } },
    {
      name: 'three days in a row, checked in today',
      rule: 'reset',
      checked: [0, 1, 2],
      today: 2,
      want: { current: 3, longest: 3, total: 3, reached: [0] },
    },
    {
      name: 'today not checked in yet: yesterday’s streak still stands',
      rule: 'reset',
      checked: [0, 1, 2],
      today: 3,
      want: { current: 3, longest: 3, total: 3, reached: [0] },
    },
    {
      name: 'reset: a missed day (yesterday) breaks the streak',
      rule: 'reset',
      checked: [0, 1, 2],
      today: 4,
      want: { current: 0, longest: 3, total: 3, reached: [0] },
    },
    {
      name: 'reset: after a missed day the streak starts again at 1',
      rule: 'reset',
      checked: [0, 1, 2, 4],
      today: 4,
      want: { current: 1, longest: 3, total: 4, reached: [0] },
    },
    {
      name: 'reset: make-ups are not part of the rule and count for nothing',
      rule: 'reset',
      checked: [0, 1, 2, 4],
      makeups: [3],
      today: 4,
      want: { current: 1, longest: 3, total: 4, reached: [0] },
    },
    {
      name: 'make-up: the card fills the missed day and joins the two runs',
      rule: 'makeup',
      checked: [0, 1, 2, 4],
      makeups: [3],
      today: 4,
      want: { current: 5, longest: 5, total: 5, reached: [0] },
    },
    {
      name: 'make-up: without the card the rule behaves like reset',
      rule: 'makeup',
      checked: [0, 1, 2, 4],
      today: 4,
      want: { current: 1, longest: 3, total: 4, reached: [0] },
    },
    {
      name: 'make-up: a second card (never accepted) is not counted',
      rule: 'makeup',
      checked: [0, 2, 4],
      makeups: [1, 3],
      today: 4,
      // Only the first card (day 1) counts: days 0-2 run, day 3 stays missed.
      want: { current: 1, longest: 3, total: 4, reached: [0] },
    },
    {
      name: 'make-up on a checked day fills nothing more',
      rule: 'makeup',
      checked: [0, 1],
      makeups: [1],
      today: 1,
      want: { current: 2, longest: 2, total: 2, reached: [] },
    },
    {
      name: 'a streak milestone stays reached after the streak breaks',
      rule: 'reset',
      checked: [...range(0, 6), 9],
      today: 9,
      want: { current: 1, longest: 7, total: 8, reached: [0, 1] },
    },
    {
      name: 'total milestone without the streak milestone',
      rule: 'reset',
      checked: [0, 1, 3, 4, 6, 7, 9, 10, 12, 13],
      today: 13,
      want: { current: 2, longest: 2, total: 10, reached: [2] },
    },
    {
      name: 'last day checked in: the full 21-day streak',
      rule: 'reset',
      checked: range(0, 20),
      today: 20,
      want: { current: 21, longest: 21, total: 21, reached: [0, 1, 2, 3] },
    },
    {
      name: 'after the last day the final streak stays',
      rule: 'reset',
      checked: range(0, 20),
      today: 25,
      want: { current: 21, longest: 21, total: 21, reached: [0, 1, 2, 3] },
    },
    {
      name: 'after the last day, a missed last day leaves no streak',
      rule: 'reset',
      checked: range(0, 19),
      today: 21,
      want: { current: 0, longest: 20, total: 20, reached: [0, 1, 2] },
    },
    {
      name: 'on the last day before checking in, yesterday’s run stands',
      rule: 'reset',
      checked: range(0, 19),
      today: 20,
      want: { current: 20, longest: 20, total: 20, reached: [0, 1, 2] },
    },
    {
      name: 'before the start nothing counts',
      rule: 'reset',
      checked: [],
      today: -3,
      want: { current: 0, longest: 0, total: 0, reached: [] },
    },
    {
      name: 'days outside the campaign and duplicates are ignored',
      rule: 'reset',
      checked: [-1, 0, 0, 1, 1, 21, 30],
      today: 1,
      want: { current: 2, longest: 2, total: 2, reached: [] },
    },
  ];
  it.each(rows)('$name', (row) => {
    const got = computeStreak({
      days: row.days ?? 21,
      rule: row.rule,
      checked: row.checked,
      makeups: row.makeups ?? [],
      today: row.today,
      milestones,
    });
    expect({ current: got.current, longest: got.longest, total: got.total, reached: got.reached }).toEqual(row.want);
  });
});

describe('makeupRefusal', () => {
  const base = {
    days: 21,
    rule: 'makeup' as const,
    status: 'active' as const,
    checked: [0, 1, 3, 4],
    makeups: [] as number[],
    today: 5,
  };
  it.each([
    { name: 'a missed earlier day: allowed', input: { day: 2 }, want: null },
    { name: 'the reset rule has no cards', input: { day: 2, rule: 'reset' as const }, want: 'RULE_RESET' },
    { name: 'the same day made up again', input: { day: 2, makeups: [2] }, want: 'ALREADY_FILLED' },
    {
      name: 'make-up used twice: the card went on another day',
      input: { day: 2, checked: [0, 1, 4], makeups: [3] },
      want: 'NO_CARD',
    },
    { name: 'today is checked in, not made up', input: { day: 5 }, want: 'NOT_PAST' },
    { name: 'a future day', input: { day: 9 }, want: 'NOT_PAST' },
    { name: 'a checked day', input: { day: 1 }, want: 'ALREADY_FILLED' },
    { name: 'before day 1', input: { day: -1 }, want: 'OUT_OF_RANGE' },
    { name: 'after the campaign', input: { day: 21, today: 20 }, want: 'OUT_OF_RANGE' },
    { name: 'the campaign is over', input: { day: 2, today: 21 }, want: 'ENDED' },
    { name: 'the campaign was ended early', input: { day: 2, status: 'ended' as const }, want: 'ENDED' },
    { name: 'not started', input: { day: 0, today: -1 }, want: 'NOT_STARTED' },
  ])('$name', ({ input, want }) => {
    expect(makeupRefusal({ ...base, ...input })).toBe(want);
  });
});

describe('campaign phase and check-in window', () => {
  it.each([
    { status: 'draft' as const, today: 0, phase: 'draft', refusal: 'NOT_ACTIVE' },
    { status: 'active' as const, today: -1, phase: 'upcoming', refusal: 'NOT_STARTED' },
    { status: 'active' as const, today: 0, phase: 'running', refusal: null },
    { status: 'active' as const, today: 20, phase: 'running', refusal: null },
    { status: 'active' as const, today: 21, phase: 'ended', refusal: 'ENDED' },
    { status: 'ended' as const, today: 5, phase: 'ended', refusal: 'ENDED' },
  ])('$status on day $today → $phase', ({ status, today, phase, refusal }) => {
    expect(campaignPhase(status, 21, today)).toBe(phase);
    expect(checkinRefusal(status, 21, today)).toBe(refusal);
  });
});

describe('calendar days (Asia/Shanghai)', () => {
  it.each([
    { at: '2026-03-01T15:59:59.999Z', date: '2026-03-01', minutes: 23 * 60 + 59 },
    { at: '2026-03-01T16:00:00.000Z', date: '2026-03-02', minutes: 0 },
    { at: '2026-02-28T16:00:00.000Z', date: '2026-03-01', minutes: 0 },
    { at: '2026-12-31T16:30:00.000Z', date: '2027-01-01', minutes: 30 },
    { at: '2026-03-01T12:00:00.000Z', date: '2026-03-01', minutes: 20 * 60 },
  ])('$at is $date in Shanghai', ({ at, date, minutes }) => {
    expect(localDate(new Date(at))).toBe(date);
    expect(localMinutes(new Date(at))).toBe(minutes);
  });
  it('counts days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-25', '2027-01-14')).toBe(20);
    expect(daysBetween('2026-03-05', '2026-03-01')).toBe(-4);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-3-1')).toBe(false);
  });
  it('puts a check-in at 23:59 and one at 00:00 on consecutive campaign days', () => {
    const start = '2026-03-01';
    const late = daysBetween(start, localDate(new Date('2026-03-01T15:59:00Z')));
    const early = daysBetween(start, localDate(new Date('2026-03-01T16:00:00Z')));
    expect([late, early]).toEqual([0, 1]);
    expect(
      computeStreak({ days: 21, rule: 'reset', checked: [late, early], makeups: [], today: early, milestones: [] }).current,
    ).toBe(2);
  });
});

describe('calendarOf', () => {
  it('marks checked, make-up, missed, today and future days', () => {
    expect(calendarOf({ days: 7, rule: 'makeup', checked: [0, 2, 4], makeups: [1], today: 4 })).toEqual([
      'checked',
      'makeup',
      'checked',
      'missed',
      'checked',
      'future',
      'future',
    ]);
    expect(calendarOf({ days: 3, rule: 'reset', checked: [0], makeups: [], today: 1 })).toEqual(['checked', 'pending', 'future']);
    expect(calendarOf({ days: 3, rule: 'reset', checked: [0], makeups: [], today: 5 })).toEqual(['checked', 'missed', 'missed']);
  });
});

describe('matchesKeyword', () => {
  it.each([
    { content: '打卡', mode: 'exact' as const, want: true },
    { content: ' 打卡！', mode: 'exact' as const, want: true },
    { content: '打卡~~ 💪', mode: 'exact' as const, want: true },
    { content: 'ＤＫ', keywords: ['dk'], mode: 'exact' as const, want: true },
    { content: '今天不打卡了', mode: 'exact' as const, want: false },
    { content: '今天不打卡了', mode: 'contains' as const, want: true },
    { content: '第3天打卡', mode: 'contains' as const, want: true },
    { content: '签到', mode: 'contains' as const, want: false },
    { content: '签到', keywords: ['打卡', '签到'], mode: 'exact' as const, want: true },
    { content: '！！！', mode: 'contains' as const, want: false },
  ])('"$content" ($mode) → $want', ({ content, keywords, mode, want }) => {
    expect(matchesKeyword(content, keywords ?? ['打卡'], mode)).toBe(want);
  });
});

describe('reminderDueDay', () => {
  const base = {
    status: 'active' as const,
    reminderEnabled: true,
    reminderTime: '20:00',
    remindedDay: null as string | null,
    startDate: '2026-03-01',
    days: 21,
  };
  it.each([
    { name: 'after 20:00 on day 1', now: '2026-03-01T12:00:00Z', input: {}, want: '2026-03-01' },
    { name: 'before 20:00', now: '2026-03-01T11:59:00Z', input: {}, want: null },
    { name: 'already reminded today', now: '2026-03-02T13:00:00Z', input: { remindedDay: '2026-03-02' }, want: null },
    { name: 'reminded yesterday', now: '2026-03-02T13:00:00Z', input: { remindedDay: '2026-03-01' }, want: '2026-03-02' },
    { name: 'before the start', now: '2026-02-28T13:00:00Z', input: {}, want: null },
    { name: 'the last day', now: '2026-03-21T13:00:00Z', input: {}, want: '2026-03-21' },
    { name: 'after the last day', now: '2026-03-22T13:00:00Z', input: {}, want: null },
    { name: 'reminders off', now: '2026-03-01T13:00:00Z', input: { reminderEnabled: false }, want: null },
    { name: 'a draft', now: '2026-03-01T13:00:00Z', input: { status: 'draft' as const }, want: null },
  ])('$name', ({ now, input, want }) => {
    expect(reminderDueDay({ ...base, ...input, now: new Date(now) })).toBe(want);
  });
});

describe('streak buckets', () => {
  it('labels the distribution buckets', () => {
    expect([0, 1, 2, 3, 4, 5].map(streakBucketLabel)).toEqual(['0', '1-2', '3-6', '7-13', '14-20', '21+']);
  });
});

// A model written independently: walk back from the day the streak is measured on.
function naive(days: number, rule: TMissedDayRule, checked: number[], makeups: number[], today: number) {
  const filled = new Set(checked.filter((d) => d >= 0 && d < days));
  if (rule === 'makeup') {
    const firstCard = [...new Set(makeups)].filter((d) => d >= 0 && d < days).sort((a, b) => a - b)[0];
    if (firstCard !== undefined) filled.add(firstCard);
  }
  let longest = 0;
  for (const d of filled) {
    let n = 0;
    while (filled.has(d + n)) n++;
    longest = Math.max(longest, n);
  }
  let current = 0;
  if (today >= 0) {
    let d = today >= days ? days - 1 : filled.has(today) ? today : today - 1;
    while (d >= 0 && filled.has(d)) {
      current++;
      d--;
    }
  }
  return { current, longest, total: filled.size };
}

describe('computeStreak properties', () => {
  const input = fc.record({
    days: fc.integer({ min: 1, max: 30 }),
    rule: fc.constantFrom<TMissedDayRule>('reset', 'makeup'),
    // Duplicates and redeliveries are just repeated day numbers.
    checked: fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 60 }),
    makeups: fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 1 }),
    today: fc.integer({ min: -2, max: 35 }),
  });

  it('equals the naive model, and the cached form gives the same current streak', () => {
    fc.assert(
      fc.property(input, ({ days, rule, checked, makeups, today }) => {
        // Only days up to today can have been filled.
        const past = checked.filter((d) => d <= today);
        const cards = makeups.filter((d) => d < today && !past.includes(d));
        const got = computeStreak({ days, rule, checked: past, makeups: cards, today, milestones });
        expect({ current: got.current, longest: got.longest, total: got.total }).toEqual(naive(days, rule, past, cards, today));
        expect(currentStreakFromCache({ lastFilled: got.lastFilled, lastRun: got.lastRun, today, days })).toBe(got.current);
      }),
      { numRuns: 2000 },
    );
  });

  it('never un-reaches a milestone as check-ins arrive in any order, with repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 50 }), (arrivals) => {
        const seen: number[] = [];
        let reached = new Set<number>();
        for (const d of arrivals) {
          seen.push(d);
          const now = computeStreak({ days: 21, rule: 'reset', checked: seen, makeups: [], today: 20, milestones }).reached;
          for (const i of reached) expect(now).toContain(i);
          reached = new Set(now);
        }
      }),
    );
  });
});
