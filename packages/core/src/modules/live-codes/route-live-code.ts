// Live-code routing: which staff members a code's WeCom contact way should hold now. A pure
// function of the code's configuration, the staff members' states, today's adds and the time, so
// that it can be tested by table and property; the sweep (apply-live-code-routing.ts) applies it.
//
// Semantics, in order:
//  1. A pool member is on duty when active (not resigned, known), inside their schedule (their own,
//     else the code's; none = always) and under their daily cap (their own, else the code's; none =
//     no cap) of adds through this code today.
//  2. Weights. WeCom hands the scanners of a multi-staff contact way to its members in turn, and
//     lists each member once, so a weight cannot be expressed by repeating a member. Pond uses
//     rounds instead: in each round a member takes `weight` adds; a member who has finished the
//     current round leaves the list until the others have finished theirs. Round of a member =
//     floor(adds today / weight). With M the highest round on duty, members in round M wait while
//     anyone on duty is in round M − 1; members further behind (someone who came on duty late)
//     are always listed but never make the others wait, so they catch up alongside them instead
//     of taking every add. When all members on duty have the same weight the list is simply all of
//     them (WeCom's turns already share equally) and never changes with the counts. Over a day the
//     shares follow the weights within one round; between two sweeps (a minute) WeCom's turns apply.
//  3. Nobody on duty: the backup staff (in their order) who are active and under their cap
//     (schedules do not apply to backups: they are the safety net).
//  4. No backup either: the least bad option, never an empty list (WeCom rejects one): active pool
//     members under their cap though off duty; else the active members (pool or backup) that are
//     the fewest adds over their cap; else the list the way holds now; else the pool as configured.
//     The result says which (`mode: 'fallback'`, `fallback`), so the console can warn.
//  Order: pool members by weight (highest first), then as configured; at most WeCom's 100.

export type TLiveCodeWindow = {
  /** `HH:MM`, local time. */
  start: string;
  /** `HH:MM` (or `24:00`); at or before `start` means the window runs past midnight into the next day. */
  end: string;
};

export type TLiveCodeSchedule = {
  /** ISO weekdays the windows start on: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  windows: TLiveCodeWindow[];
};

export type TLiveCodePoolMember = {
  staffId: number;
  /** Relative share of adds (1–100), see the rounds above. */
  weight: number;
  /** Overrides the code's daily cap for this member; null/absent = the code's. */
  dailyCap?: number | null;
  /** Overrides the code's schedule for this member; null/absent = the code's. */
  schedule?: TLiveCodeSchedule | null;
};

export type TLiveCodeRouteConfig = {
  pool: readonly TLiveCodePoolMember[];
  schedule: TLiveCodeSchedule | null;
  dailyCap: number | null;
  backupStaffIds: readonly number[];
};

export type TRouteStaffState = {
  /** 'active' can take customers; anything else ('resigned', 'inactive') cannot. */
  status: string;
};

export type TRouteInput = {
  config: TLiveCodeRouteConfig;
  /** Staff states by id; a missing id is a staff member who no longer exists. */
  staff: ReadonlyMap<number, TRouteStaffState>;
  /** Adds through this code today (local day), by staff id. */
  todayAdds: ReadonlyMap<number, number>;
  now: Date;
  timeZone?: string;
  /** The list the contact way holds now (last resort when nobody at all can take customers). */
  current?: readonly number[];
};

export type TRouteExclusion = {
  staffId: number;
  reason: 'resigned' | 'unknown' | 'off_schedule' | 'capped' | 'round_done';
};

export type TRouteResult = {
  /** Never empty; each staff id once; at most 100. */
  staffIds: number[];
  mode: 'pool' | 'backup' | 'fallback';
  /** In fallback mode, what was kept. */
  fallback: 'off_schedule' | 'capped' | 'current' | 'unavailable' | null;
  /** Why pool members (and, in backup and fallback modes, backups) are not in the list. */
  excluded: TRouteExclusion[];
};

export const LIVE_CODE_TIME_ZONE = 'Asia/Shanghai';
/** WeCom's limit on the staff list of one contact way. */
export const CONTACT_WAY_STAFF_MAX = 100;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export type TLocalClock = {
  /** `YYYY-MM-DD` in the time zone. */
  day: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0–1439. */
  minute: number;
};

/**
 * The local day, weekday and minute of `now` in `timeZone`.
 * @example
 * localClock(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai'); // { day: '2026-03-02', weekday: 1, minute: 0 }
 */
export function localClock(now: Date, timeZone: string = LIVE_CODE_TIME_ZONE): TLocalClock {
  const parts = formatterFor(timeZone).formatToParts(now);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  const hour = Number(p('hour')) % 24;
  return {
    day: `${p('year')}-${p('month')}-${p('day')}`,
    weekday: WEEKDAYS[p('weekday')] ?? 1,
    minute: hour * 60 + Number(p('minute')),
  };
}

/** `HH:MM` → minutes since midnight; `24:00` → 1440. */
export function parseClockTime(value: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) throw new Error(`Not a HH:MM time: ${value}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Whether the schedule is on at this local time. A window whose end is at or before its start runs
 * past midnight: it belongs to the weekday it starts on, so Monday 22:00–02:00 covers Tuesday 01:00.
 */
export function isOnSchedule(schedule: TLiveCodeSchedule, clock: TLocalClock): boolean {
  const days = new Set(schedule.weekdays);
  const previous = clock.weekday === 1 ? 7 : clock.weekday - 1;
  return schedule.windows.some((w) => {
    const start = parseClockTime(w.start);
    const end = parseClockTime(w.end);
    if (start < end) return days.has(clock.weekday) && clock.minute >= start && clock.minute < end;
    return (days.has(clock.weekday) && clock.minute >= start) || (days.has(previous) && clock.minute < end);
  });
}

/**
 * The ordered staff list a live code's contact way should hold now, and why (see the top of this file).
 * @example
 * routeLiveCode({ config: { pool: [{ staffId: 1, weight: 1 }], schedule: null, dailyCap: 50, backupStaffIds: [9] },
 *   staff: new Map([[1, { status: 'active' }], [9, { status: 'active' }]]), todayAdds: new Map([[1, 50]]), now: new Date() });
 * // { staffIds: [9], mode: 'backup', fallback: null, excluded: [{ staffId: 1, reason: 'capped' }] }
 */
export function routeLiveCode(input: TRouteInput): TRouteResult {
  const { config, staff, todayAdds } = input;
  const clock = localClock(input.now, input.timeZone ?? LIVE_CODE_TIME_ZONE);
  const adds = (id: number) => todayAdds.get(id) ?? 0;
  const poolById = new Map<number, TLiveCodePoolMember>();
  for (const m of config.pool) if (!poolById.has(m.staffId)) poolById.set(m.staffId, m);
  const pool = [...poolById.values()];
  const capOf = (id: number) => {
    const own = poolById.get(id)?.dailyCap;
    return own ?? config.dailyCap ?? null;
  };
  const statusReason = (id: number): TRouteExclusion['reason'] | null => {
    const s = staff.get(id);
    if (!s) return 'unknown';
    return s.status === 'active' ? null : 'resigned';
  };
  const capped = (id: number) => {
    const cap = capOf(id);
    return cap !== null && adds(id) >= cap;
  };

  const excluded: TRouteExclusion[] = [];
  const onDuty: TLiveCodePoolMember[] = [];
  for (const m of pool) {
    const gone = statusReason(m.staffId);
    if (gone) {
      excluded.push({ staffId: m.staffId, reason: gone });
      continue;
    }
    const schedule = m.schedule ?? config.schedule;
    if (schedule && !isOnSchedule(schedule, clock)) {
      excluded.push({ staffId: m.staffId, reason: 'off_schedule' });
      continue;
    }
    if (capped(m.staffId)) {
      excluded.push({ staffId: m.staffId, reason: 'capped' });
      continue;
    }
    onDuty.push(m);
  }

  const byWeight = (list: TLiveCodePoolMember[]) =>
    list
      .map((m, i) => ({ m, i }))
      .sort((a, b) => b.m.weight - a.m.weight || a.i - b.i)
      .map((x) => x.m.staffId);
  const limit = (ids: number[]) => ids.slice(0, CONTACT_WAY_STAFF_MAX);

  if (onDuty.length > 0) {
    const weights = new Set(onDuty.map((m) => m.weight));
    let listed = onDuty;
    if (weights.size > 1) {
      const round = (m: TLiveCodePoolMember) => Math.floor(adds(m.staffId) / Math.max(1, m.weight));
      const top = Math.max(...onDuty.map(round));
      const someoneFinishing = onDuty.some((m) => round(m) === top - 1);
      if (someoneFinishing) {
        listed = onDuty.filter((m) => round(m) < top);
        for (const m of onDuty) if (round(m) === top) excluded.push({ staffId: m.staffId, reason: 'round_done' });
      }
    }
    return { staffIds: limit(byWeight(listed)), mode: 'pool', fallback: null, excluded };
  }

  const backups = [...new Set(config.backupStaffIds)];
  const backupExcluded: TRouteExclusion[] = [];
  const availableBackups = backups.filter((id) => {
    const gone = statusReason(id);
    if (gone) backupExcluded.push({ staffId: id, reason: gone });
    else if (capped(id)) backupExcluded.push({ staffId: id, reason: 'capped' });
    return !gone && !capped(id);
  });
  if (availableBackups.length > 0) {
    return { staffIds: limit(availableBackups), mode: 'backup', fallback: null, excluded: [...excluded, ...backupExcluded] };
  }
  const allExcluded = [...excluded, ...backupExcluded];

  // Fallback 1: active pool members under their cap, off duty.
  const offDuty = pool.filter((m) => statusReason(m.staffId) === null && !capped(m.staffId));
  if (offDuty.length > 0) {
    return { staffIds: limit(byWeight(offDuty)), mode: 'fallback', fallback: 'off_schedule', excluded: allExcluded };
  }
  // Fallback 2: the active members (pool, then backups) the fewest adds over their cap.
  const active = [...new Set([...pool.map((m) => m.staffId), ...backups])].filter((id) => statusReason(id) === null);
  if (active.length > 0) {
    const over = (id: number) => adds(id) - (capOf(id) ?? 0);
    const least = Math.min(...active.map(over));
    return {
      staffIds: limit(active.filter((id) => over(id) === least)),
      mode: 'fallback',
      fallback: 'capped',
      excluded: allExcluded,
    };
  }
  // Fallback 3: nobody can take customers; keep what the way holds rather than break it.
  const current = [...new Set(input.current ?? [])];
  if (current.length > 0) return { staffIds: limit(current), mode: 'fallback', fallback: 'current', excluded: allExcluded };
  const configured = [...new Set([...pool.map((m) => m.staffId), ...backups])];
  // Validation keeps every pool non-empty; a list nobody is in could not be applied anyway.
  if (configured.length === 0) throw new Error('A live code needs at least one staff member in its pool.');
  return { staffIds: limit(configured), mode: 'fallback', fallback: 'unavailable', excluded: allExcluded };
}

/** Same members in the same order. */
export const sameStaffList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);
