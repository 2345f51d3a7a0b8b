// SOP timing, pure: calendar expansion, journey offsets and due selection. Every SOP time is a
// wall-clock time in Asia/Shanghai, which has had no daylight saving since 1991: a fixed UTC+8, so
// local dates and times convert to instants by arithmetic, with no gaps or repeated hours.

/** The zone every SOP time of day is read in (the tenant default). */
export const SOP_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A step still open this many minutes after it was due counts as overdue (and is reminded once). */
export const SOP_OVERDUE_AFTER_MINUTES = 60;

/** True for 'HH:mm' on a 24-hour clock. */
export const isClockTime = (value: string): boolean => TIME_RE.test(value);

/** True for a real calendar date 'YYYY-MM-DD'. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
}

function dateMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The Shanghai calendar date of an instant. @example shanghaiDate(new Date('2026-03-01T16:00:00Z')) // '2026-03-02' */
export const shanghaiDate = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The Shanghai time of day 'HH:mm' of an instant. */
export const shanghaiTime = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);

/** The instant of a Shanghai date and time of day. @example shanghaiInstant('2026-03-02', '09:30') // 2026-03-02T01:30:00Z */
export function shanghaiInstant(date: string, time: string): Date {
  const t = TIME_RE.exec(time);
  if (!t) throw new Error(`Not a time of day: ${time}`);
  return new Date(dateMs(date) + (Number(t[1]) * 60 + Number(t[2])) * 60_000 - OFFSET_MS);
}

/** `date` plus `n` days. */
export const addDays = (date: string, n: number): string => new Date(dateMs(date) + n * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to`. */
export const daysBetween = (from: string, to: string): number => Math.round((dateMs(to) - dateMs(from)) / DAY_MS);

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(dateMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export type TCalendarSlot = { id: number; weekday: number | null; time: string };
export type TDatedSlot = { itemId: number; date: string; dueAt: Date };

/**
 * The dated occurrences of a calendar's items on the dates `from`..`to` (inclusive, Shanghai):
 * on a daily timeline every item runs every day; on a weekly one each item runs on its weekday
 * (an item without one never runs). Sorted by time, then item id.
 * @example
 * expandCalendar('weekly', [{ id: 1, weekday: 1, time: '10:00' }], '2026-03-02', '2026-03-08')
 * // [{ itemId: 1, date: '2026-03-02', dueAt: 2026-03-02T02:00:00Z }]
 */
export function expandCalendar(
  timeline: 'daily' | 'weekly',
  items: readonly TCalendarSlot[],
  from: string,
  to: string,
): TDatedSlot[] {
  const out: TDatedSlot[] = [];
  const days = daysBetween(from, to);
  for (let i = 0; i <= days; i++) {
    const date = addDays(from, i);
    const weekday = isoWeekday(date);
    for (const item of items) {
      if (timeline === 'weekly' && item.weekday !== weekday) continue;
      out.push({ itemId: item.id, date, dueAt: shanghaiInstant(date, item.time) });
    }
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.itemId - b.itemId);
}

/**
 * When a journey step runs for an enrolment anchored at `anchorAt`. Day 0 is the anchor's own
 * Shanghai date; a step runs on day `dayOffset` at its time of day, or, without one, at the
 * anchor's time of day. Decision: a day-0 step whose time had already passed at enrolment runs at
 * once (due at the anchor) rather than being skipped — a same-day welcome step late is better than
 * none. Later days are always after the anchor, so only day 0 can be late.
 * @example
 * journeyStepDue(new Date('2026-03-02T06:00:00Z'), { dayOffset: 0, time: '09:00' }) // due 2026-03-02T06:00Z (at once)
 */
export function journeyStepDue(anchorAt: Date, step: { dayOffset: number; time: string | null }): { date: string; dueAt: Date } {
  const date = addDays(shanghaiDate(anchorAt), step.dayOffset);
  const scheduled = step.time ? shanghaiInstant(date, step.time) : new Date(anchorAt.getTime() + step.dayOffset * DAY_MS);
  return { date, dueAt: scheduled.getTime() < anchorAt.getTime() ? anchorAt : scheduled };
}

export type TStepStatus = 'planned' | 'due' | 'task_created' | 'sent' | 'done' | 'skipped' | 'cancelled';
export const SOP_STEP_STATUSES: readonly TStepStatus[] = [
  'planned',
  'due',
  'task_created',
  'sent',
  'done',
  'skipped',
  'cancelled',
];

/** Whether the due job should take the step now: still planned and its time has come. */
export const isStepDue = (step: { status: TStepStatus; dueAt: Date }, now: Date): boolean =>
  step.status === 'planned' && step.dueAt.getTime() <= now.getTime();

/**
 * The due steps to process in one run: planned, due by `now`, earliest first (ties by id), at
 * most `limit` — the rule the `sops.due` sweep's query follows.
 */
export function selectDueSteps<T extends { id: number; status: TStepStatus; dueAt: Date }>(
  steps: readonly T[],
  now: Date,
  limit: number,
): T[] {
  return steps
    .filter((s) => isStepDue(s, now))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id)
    .slice(0, limit);
}

/** What a step means for completion tracking. */
export type TStepProgress = 'upcoming' | 'pending' | 'overdue' | 'done' | 'skipped' | 'cancelled';

/**
 * A step's place in progress: done when sent or its task is done; overdue when its task is still
 * open `overdueAfterMinutes` after it was due; pending while due but not yet late.
 */
export function stepProgress(
  step: { status: TStepStatus; dueAt: Date },
  now: Date,
  overdueAfterMinutes = SOP_OVERDUE_AFTER_MINUTES,
): TStepProgress {
  switch (step.status) {
    case 'sent':
    case 'done':
      return 'done';
    case 'skipped':
      return 'skipped';
    case 'cancelled':
      return 'cancelled';
    case 'planned':
      if (step.dueAt.getTime() > now.getTime()) return 'upcoming';
      break;
  }
  return now.getTime() - step.dueAt.getTime() >= overdueAfterMinutes * 60_000 ? 'overdue' : 'pending';
}
