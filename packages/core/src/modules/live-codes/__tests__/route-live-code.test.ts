import { describe, expect, it } from 'vitest';
import {
  isOnSchedule,
  localClock,
  routeLiveCode,
  type TLiveCodePoolMember,
  type TLiveCodeRouteConfig,
  type TLiveCodeSchedule,
  type TRouteResult,
} from '../route-live-code.ts';

// Local Asia/Shanghai time (UTC+8, no daylight saving) → the instant. 2026-03-02 is a Monday.
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const A = 1;
const B = 2;
const C = 3;
const BACKUP = 9;
const BACKUP2 = 10;

const weekdays9to18: TLiveCodeSchedule = { weekdays: [1, 2, 3, 4, 5], windows: [{ start: '09:00', end: '18:00' }] };
const mondayNight: TLiveCodeSchedule = { weekdays: [1], windows: [{ start: '22:00', end: '02:00' }] };

const member = (staffId: number, extra: Partial<TLiveCodePoolMember> = {}): TLiveCodePoolMember => ({
  staffId,
  weight: 1,
  ...extra,
});
const config = (extra: Partial<TLiveCodeRouteConfig> = {}): TLiveCodeRouteConfig => ({
  pool: [member(A), member(B)],
  schedule: null,
  dailyCap: null,
  backupStaffIds: [BACKUP],
  ...extra,
});
const everyoneActive = new Map([A, B, C, BACKUP, BACKUP2].map((id) => [id, { status: 'active' }]));
const withStatus = (changes: Record<number, string | null>) => {
  const m = new Map(everyoneActive);
  for (const [id, status] of Object.entries(changes)) {
    if (status === null) m.delete(Number(id));
    else m.set(Number(id), { status });
  }
  return m;
};

type Case = {
  name: string;
  config: TLiveCodeRouteConfig;
  now: string;
  adds?: Record<number, number>;
  staff?: Map<number, { status: string }>;
  current?: number[];
  expected: Partial<TRouteResult>;
};

const cases: Case[] = [
  {
    name: 'no schedule, no cap: the whole pool',
    config: config(),
    now: '2026-03-02 10:00',
    expected: { staffIds: [A, B], mode: 'pool', fallback: null },
  },
  {
    name: 'pool ordered by weight, then as configured',
    config: config({ pool: [member(A), member(B, { weight: 3 }), member(C)] }),
    now: '2026-03-02 10:00',
    expected: { staffIds: [B, A, C], mode: 'pool' },
  },
  {
    name: 'weekday inside the window',
    config: config({ schedule: weekdays9to18 }),
    now: '2026-03-06 17:59',
    expected: { staffIds: [A, B], mode: 'pool' },
  },
  {
    name: 'the window end is exclusive: backups at 18:00',
    config: config({ schedule: weekdays9to18 }),
    now: '2026-03-02 18:00',
    expected: { staffIds: [BACKUP], mode: 'backup' },
  },
  {
    name: 'a weekend day outside the weekday set: backups',
    config: config({ schedule: weekdays9to18 }),
    now: '2026-03-07 10:00',
    expected: { staffIds: [BACKUP], mode: 'backup' },
  },
  {
    name: 'across midnight: Monday 22:00–02:00 covers Monday 23:30',
    config: config({ schedule: mondayNight }),
    now: '2026-03-02 23:30',
    expected: { staffIds: [A, B], mode: 'pool' },
  },
  {
    name: 'across midnight: Monday 22:00–02:00 covers Tuesday 01:59',
    config: config({ schedule: mondayNight }),
    now: '2026-03-03 01:59',
    expected: { staffIds: [A, B], mode: 'pool' },
  },
  {
    name: 'across midnight: over at Tuesday 02:00',
    config: config({ schedule: mondayNight }),
    now: '2026-03-03 02:00',
    expected: { staffIds: [BACKUP], mode: 'backup' },
  },
  {
    name: 'across midnight: Monday 01:00 belongs to Sunday’s window, which is not scheduled',
    config: config({ schedule: mondayNight }),
    now: '2026-03-02 01:00',
    expected: { staffIds: [BACKUP], mode: 'backup' },
  },
  {
    name: 'time zone edge: 00:00 Shanghai on Monday is Sunday 16:00 UTC, and Monday’s window is on',
    config: config({ schedule: { weekdays: [1], windows: [{ start: '00:00', end: '08:00' }] } }),
    now: '2026-03-02 00:00',
    expected: { staffIds: [A, B], mode: 'pool' },
  },
  {
    name: 'time zone edge: Sunday 20:00–24:00 ends at 00:00 Shanghai',
    config: config({ schedule: { weekdays: [7], windows: [{ start: '20:00', end: '24:00' }] } }),
    now: '2026-03-02 00:00',
    expected: { staffIds: [BACKUP], mode: 'backup' },
  },
  {
    name: 'time zone edge: Sunday 23:59 Shanghai is still Sunday',
    config: config({ schedule: { weekdays: [7], windows: [{ start: '20:00', end: '24:00' }] } }),
    now: '2026-03-01 23:59',
    expected: { staffIds: [A, B], mode: 'pool' },
  },
  {
    name: 'a member’s own schedule overrides the code’s',
    config: config({ schedule: weekdays9to18, pool: [member(A), member(B, { schedule: mondayNight })] }),
    now: '2026-03-02 23:00',
    expected: { staffIds: [B], mode: 'pool', excluded: [{ staffId: A, reason: 'off_schedule' }] },
  },
  {
    name: 'a member at the cap drops out',
    config: config({ dailyCap: 20 }),
    now: '2026-03-02 10:00',
    adds: { [A]: 20, [B]: 19 },
    expected: { staffIds: [B], mode: 'pool', excluded: [{ staffId: A, reason: 'capped' }] },
  },
  {
    name: 'a member’s own cap overrides the code’s',
    config: config({ dailyCap: 20, pool: [member(A, { dailyCap: 50 }), member(B)] }),
    now: '2026-03-02 10:00',
    adds: { [A]: 20, [B]: 20 },
    expected: { staffIds: [A], mode: 'pool', excluded: [{ staffId: B, reason: 'capped' }] },
  },
  {
    name: 'everyone capped: backups',
    config: config({ dailyCap: 5, backupStaffIds: [BACKUP, BACKUP2] }),
    now: '2026-03-02 10:00',
    adds: { [A]: 5, [B]: 7 },
    expected: { staffIds: [BACKUP, BACKUP2], mode: 'backup' },
  },
  {
    name: 'a capped backup is skipped',
    config: config({ dailyCap: 5, backupStaffIds: [BACKUP, BACKUP2] }),
    now: '2026-03-02 10:00',
    adds: { [A]: 5, [B]: 5, [BACKUP]: 5 },
    expected: { staffIds: [BACKUP2], mode: 'backup' },
  },
  {
    name: 'a resigned member drops out; an unknown one too',
    config: config({ pool: [member(A), member(B), member(C)] }),
    staff: withStatus({ [A]: 'resigned', [C]: null }),
    now: '2026-03-02 10:00',
    expected: {
      staffIds: [B],
      mode: 'pool',
      excluded: [
        { staffId: A, reason: 'resigned' },
        { staffId: C, reason: 'unknown' },
      ],
    },
  },
  {
    name: 'all away and the backup resigned: the off-duty pool, reported',
    config: config({ schedule: weekdays9to18 }),
    staff: withStatus({ [BACKUP]: 'resigned' }),
    now: '2026-03-07 10:00',
    expected: { staffIds: [A, B], mode: 'fallback', fallback: 'off_schedule' },
  },
  {
    name: 'all capped and backups capped: those the fewest adds over their cap',
    config: config({ dailyCap: 5 }),
    now: '2026-03-02 10:00',
    adds: { [A]: 6, [B]: 5, [BACKUP]: 5 },
    expected: { staffIds: [B, BACKUP], mode: 'fallback', fallback: 'capped' },
  },
  {
    name: 'capped pool, off-duty backups do not matter (backups have no schedule), resigned backup',
    config: config({ dailyCap: 5, schedule: weekdays9to18 }),
    staff: withStatus({ [BACKUP]: 'resigned' }),
    now: '2026-03-02 10:00',
    adds: { [A]: 5, [B]: 9 },
    expected: { staffIds: [A], mode: 'fallback', fallback: 'capped' },
  },
  {
    name: 'everyone resigned: keep what the way holds',
    config: config(),
    staff: withStatus({ [A]: 'resigned', [B]: 'resigned', [BACKUP]: 'resigned' }),
    current: [B],
    now: '2026-03-02 10:00',
    expected: { staffIds: [B], mode: 'fallback', fallback: 'current' },
  },
  {
    name: 'everyone resigned and nothing applied yet: the pool as configured, never empty',
    config: config({ backupStaffIds: [] }),
    staff: withStatus({ [A]: 'resigned', [B]: null }),
    now: '2026-03-02 10:00',
    expected: { staffIds: [A, B], mode: 'fallback', fallback: 'unavailable' },
  },
];

describe('routeLiveCode', () => {
  it.each(cases)('$name', (c) => {
    const result = routeLiveCode({
      config: c.config,
      staff: c.staff ?? everyoneActive,
      todayAdds: new Map(Object.entries(c.adds ?? {}).map(([k, v]) => [Number(k), v])),
      now: sh(c.now),
      current: c.current,
    });
    expect(result).toMatchObject(c.expected);
  });

  // Weights 2:1 — A takes two adds per round, B one; the list changes as the rounds complete.
  it.each([
    { adds: [0, 0], list: [A, B] },
    { adds: [1, 0], list: [A, B] },
    { adds: [1, 1], list: [A] },
    { adds: [2, 1], list: [A, B] },
    { adds: [3, 1], list: [A, B] },
    { adds: [3, 2], list: [A] },
    { adds: [4, 2], list: [A, B] },
    { adds: [4, 3], list: [A] },
  ])('weights 2:1 with adds $adds → $list', ({ adds, list }) => {
    const result = routeLiveCode({
      config: config({ pool: [member(A, { weight: 2 }), member(B)] }),
      staff: everyoneActive,
      todayAdds: new Map([
        [A, adds[0] ?? 0],
        [B, adds[1] ?? 0],
      ]),
      now: sh('2026-03-02 10:00'),
    });
    expect(result.staffIds).toEqual(list);
  });

  it('a simulated day with weights 3:1 hands out adds 3:1 within a round', () => {
    const adds = new Map([
      [A, 0],
      [B, 0],
    ]);
    let turn = 0;
    for (let i = 0; i < 400; i++) {
      const { staffIds } = routeLiveCode({
        config: config({ pool: [member(A, { weight: 3 }), member(B)] }),
        staff: everyoneActive,
        todayAdds: adds,
        now: sh('2026-03-02 10:00'),
      });
      // WeCom's turn over the current list (one sweep per add: the finest case).
      const next = staffIds[turn++ % staffIds.length] ?? 0;
      adds.set(next, (adds.get(next) ?? 0) + 1);
    }
    expect(adds.get(A)).toBeGreaterThanOrEqual(297);
    expect(adds.get(A)).toBeLessThanOrEqual(303);
  });

  it('equal weights list everyone whatever the counts (WeCom’s turns share equally)', () => {
    const result = routeLiveCode({
      config: config({ pool: [member(A), member(B), member(C)] }),
      staff: everyoneActive,
      todayAdds: new Map([
        [A, 9],
        [B, 3],
        [C, 0],
      ]),
      now: sh('2026-03-02 10:00'),
    });
    expect(result.staffIds).toEqual([A, B, C]);
  });

  it('a member who comes on duty late catches up alongside the others, not instead of them', () => {
    const result = routeLiveCode({
      config: config({
        pool: [member(A, { weight: 2 }), member(B, { weight: 2 }), member(C, { weight: 1, schedule: weekdays9to18 })],
      }),
      staff: everyoneActive,
      todayAdds: new Map([
        [A, 40],
        [B, 40],
        [C, 0],
      ]),
      now: sh('2026-03-02 14:00'),
    });
    expect(result.staffIds).toEqual([A, B, C]);
  });

  it('holds at most 100 staff members (WeCom’s limit)', () => {
    const pool = Array.from({ length: 130 }, (_, i) => member(100 + i));
    const staff = new Map(pool.map((m) => [m.staffId, { status: 'active' }]));
    const result = routeLiveCode({ config: config({ pool }), staff, todayAdds: new Map(), now: sh('2026-03-02 10:00') });
    expect(result.staffIds).toHaveLength(100);
    expect(result.staffIds[0]).toBe(100);
  });
});

describe('localClock and schedules', () => {
  it.each([
    { utc: '2026-03-01T16:00:00Z', day: '2026-03-02', weekday: 1, minute: 0 },
    { utc: '2026-03-01T15:59:00Z', day: '2026-03-01', weekday: 7, minute: 1439 },
    { utc: '2026-12-31T16:30:00Z', day: '2027-01-01', weekday: 5, minute: 30 },
  ])('$utc is $day (weekday $weekday) minute $minute in Shanghai', ({ utc, day, weekday, minute }) => {
    expect(localClock(new Date(utc))).toEqual({ day, weekday, minute });
  });

  it('a window with the same start and end lasts 24 hours from its start', () => {
    const s: TLiveCodeSchedule = { weekdays: [1], windows: [{ start: '08:00', end: '08:00' }] };
    expect(isOnSchedule(s, { day: '', weekday: 1, minute: 8 * 60 })).toBe(true);
    expect(isOnSchedule(s, { day: '', weekday: 2, minute: 8 * 60 - 1 })).toBe(true);
    expect(isOnSchedule(s, { day: '', weekday: 2, minute: 8 * 60 })).toBe(false);
    expect(isOnSchedule(s, { day: '', weekday: 1, minute: 8 * 60 - 1 })).toBe(false);
  });
});
