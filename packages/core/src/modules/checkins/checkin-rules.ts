import { addDays, daysBetween, localDate, localMinutes, parseClock } from './checkin-days.ts';

// The rules of a check-in campaign, as pure functions over day numbers (0 = the start date).
//
// Missed-day rules (stated on the campaign, shown to customers):
//  · `reset`  — a day without a check-in breaks the streak: the next check-in starts again at 1.
//  · `makeup` — the same, but each participant holds ONE make-up card per campaign: an explicit
//               action on the H5 page fills one earlier, missed day of the running campaign, and
//               the filled day counts for the streak and the total as if checked in.
// A streak is the run of consecutive filled days. Today, while it lasts, does not break it: a
// participant who checked in yesterday but not yet today still has yesterday's streak.

export type TMissedDayRule = 'reset' | 'makeup';
export type TMilestoneKind = 'streak' | 'total';
export type TMilestoneRule = { kind: TMilestoneKind; days: number };

/** Make-up cards each participant holds per campaign under the `makeup` rule. */
export const MAKEUP_CARDS_PER_CAMPAIGN = 1;

export type TStreakInput = {
  /** The campaign's number of days (N). */
  days: number;
  rule: TMissedDayRule;
  /** Day numbers checked in (duplicates and days outside 0..N-1 are ignored). */
  checked: Iterable<number>;
  /** Day numbers filled by make-up cards (ignored under `reset`; at most the cards held count). */
  makeups: Iterable<number>;
  /** The day number of now: negative before the start, ≥ N after the last day. */
  today: number;
  milestones: readonly TMilestoneRule[];
};

export type TStreakState = {
  /** The streak as of today (see the rule above); 0 when broken. */
  current: number;
  longest: number;
  /** Filled days: check-ins plus make-ups. */
  total: number;
  checkedDays: number;
  makeupDays: number;
  /** The latest filled day, and the length of the run that ends on it (what the database caches). */
  lastFilled: number | null;
  lastRun: number;
  /** Indexes of the milestones reached, ascending. Streak milestones use the longest streak, so once reached they stay reached. */
  reached: number[];
};

function filledDays(input: Pick<TStreakInput, 'days' | 'rule' | 'checked' | 'makeups'>) {
  const inRange = (d: number) => Number.isInteger(d) && d >= 0 && d < input.days;
  const checked = new Set([...input.checked].filter(inRange));
  const makeups = new Set<number>();
  if (input.rule === 'makeup') {
    for (const d of [...new Set([...input.makeups].filter(inRange))].sort((a, b) => a - b)) {
      if (makeups.size >= MAKEUP_CARDS_PER_CAMPAIGN) break;
      if (!checked.has(d)) makeups.add(d);
    }
  }
  return { checked, makeups, filled: new Set([...checked, ...makeups]) };
}

/** The day whose run is the current streak when the latest filled day is at least it; see `currentStreakFromCache`. */
export function streakAliveFrom(today: number, days: number): number {
  return today <= days - 1 ? today - 1 : days - 1;
}

/**
 * The current streak from the cached `lastFilled`/`lastRun` of a participant (the same answer as
 * `computeStreak(...).current`, without the day set; the participant ranking does this in SQL).
 */
export function currentStreakFromCache(input: {
  lastFilled: number | null;
  lastRun: number;
  today: number;
  days: number;
}): number {
  if (input.lastFilled === null || input.today < 0) return 0;
  return input.lastFilled >= streakAliveFrom(input.today, input.days) ? input.lastRun : 0;
}

/**
 * Streak, longest streak, total and milestones reached, from the set of checked days and make-up
 * days under the campaign's rule.
 * @example
 * computeStreak({ days: 21, rule: 'reset', checked: [0, 1, 3], makeups: [], today: 3, milestones: [] });
 * // { current: 1, longest: 2, total: 3, … }
 */
export function computeStreak(input: TStreakInput): TStreakState {
  const { checked, makeups, filled } = filledDays(input);
  let longest = 0;
  let run = 0;
  let lastFilled: number | null = null;
  let lastRun = 0;
  for (let d = 0; d < input.days; d++) {
    if (filled.has(d)) {
      run++;
      longest = Math.max(longest, run);
      lastFilled = d;
      lastRun = run;
    } else {
      run = 0;
    }
  }
  const total = filled.size;
  const reached = input.milestones.flatMap((m, i) => ((m.kind === 'streak' ? longest : total) >= m.days ? [i] : []));
  return {
    current: currentStreakFromCache({ lastFilled, lastRun, today: input.today, days: input.days }),
    longest,
    total,
    checkedDays: checked.size,
    makeupDays: makeups.size,
    lastFilled,
    lastRun,
    reached,
  };
}

export type TCalendarState = 'checked' | 'makeup' | 'missed' | 'pending' | 'future';

/** Each day of the campaign as the H5 calendar shows it: `pending` is today before checking in. */
export function calendarOf(input: Omit<TStreakInput, 'milestones'>): TCalendarState[] {
  const { checked, makeups } = filledDays(input);
  return Array.from({ length: input.days }, (_, d) => {
    if (checked.has(d)) return 'checked';
    if (makeups.has(d)) return 'makeup';
    if (d < input.today) return 'missed';
    return d === input.today ? 'pending' : 'future';
  });
}

export type TCampaignStatus = 'draft' | 'active' | 'ended';
export type TCampaignPhase = 'draft' | 'upcoming' | 'running' | 'ended';

/** Where a campaign stands today: drafts and ended ones by status, active ones by the calendar. */
export function campaignPhase(status: TCampaignStatus, days: number, today: number): TCampaignPhase {
  if (status === 'draft') return 'draft';
  if (status === 'ended' || today >= days) return 'ended';
  return today < 0 ? 'upcoming' : 'running';
}

export type TCheckinRefusal = 'NOT_ACTIVE' | 'NOT_STARTED' | 'ENDED';

/** Whether a check-in on `today` can count: only on the campaign's days, while it is active. */
export function checkinRefusal(status: TCampaignStatus, days: number, today: number): TCheckinRefusal | null {
  const phase = campaignPhase(status, days, today);
  if (phase === 'running') return null;
  return phase === 'draft' ? 'NOT_ACTIVE' : phase === 'upcoming' ? 'NOT_STARTED' : 'ENDED';
}

export type TMakeupRefusal = TCheckinRefusal | 'RULE_RESET' | 'OUT_OF_RANGE' | 'NOT_PAST' | 'ALREADY_FILLED' | 'NO_CARD';

/**
 * Whether a make-up card may fill `day`: under the `makeup` rule, while the campaign runs, for an
 * earlier day of the campaign that is not filled, while the participant still holds a card.
 */
export function makeupRefusal(
  input: Omit<TStreakInput, 'milestones'> & { status: TCampaignStatus; day: number },
): TMakeupRefusal | null {
  if (input.rule !== 'makeup') return 'RULE_RESET';
  const refusal = checkinRefusal(input.status, input.days, input.today);
  if (refusal) return refusal;
  if (!Number.isInteger(input.day) || input.day < 0 || input.day >= input.days) return 'OUT_OF_RANGE';
  if (input.day >= input.today) return 'NOT_PAST';
  const { filled, makeups } = filledDays(input);
  if (filled.has(input.day)) return 'ALREADY_FILLED';
  if (makeups.size >= MAKEUP_CARDS_PER_CAMPAIGN) return 'NO_CARD';
  return null;
}

export type TKeywordMatch = 'exact' | 'contains';

// Case, width (全角/半角), surrounding spaces, punctuation and symbols (emoji, ！, ~) do not matter.
const EDGES = /^[\p{P}\p{S}\p{Z}\s]+|[\p{P}\p{S}\p{Z}\s]+$/gu;
export const normalizeKeyword = (text: string): string => text.normalize('NFKC').toLowerCase().replace(EDGES, '');

/**
 * Whether a group message is a check-in: `exact` — the whole message is one of the keywords
 * ("打卡", "打卡！", " 打卡 " all count; "今天不打卡了" does not); `contains` — a keyword appears
 * anywhere in it ("第3天打卡" counts).
 */
export function matchesKeyword(content: string, keywords: readonly string[], mode: TKeywordMatch): boolean {
  const text = normalizeKeyword(content);
  if (!text) return false;
  return keywords.some((k) => {
    const key = normalizeKeyword(k);
    if (!key) return false;
    return mode === 'exact' ? text === key : text.includes(key);
  });
}

/** Fills `{name}`-style variables; unknown ones stay as written. */
export const renderTemplate = (template: string, vars: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));

/**
 * The day whose reminders are due now, or null: an active campaign with reminders on, today one of
 * its days, the reminder time passed today, and today not yet reminded.
 */
export function reminderDueDay(input: {
  status: TCampaignStatus;
  reminderEnabled: boolean;
  reminderTime: string;
  remindedDay: string | null;
  startDate: string;
  days: number;
  now: Date;
}): string | null {
  if (input.status !== 'active' || !input.reminderEnabled) return null;
  const today = localDate(input.now);
  const n = daysBetween(input.startDate, today);
  if (n < 0 || n >= input.days) return null;
  if (localMinutes(input.now) < parseClock(input.reminderTime)) return null;
  if (input.remindedDay !== null && input.remindedDay >= today) return null;
  return today;
}

/** The last date of a campaign. */
export const lastDayOf = (startDate: string, days: number): string => addDays(startDate, days - 1);

/** Buckets of the streak distribution (lower bounds); the last is open-ended. */
export const STREAK_BUCKETS = [0, 1, 3, 7, 14, 21] as const;
export const streakBucketLabel = (i: number): string => {
  const lo = STREAK_BUCKETS[i] ?? 0;
  const next = STREAK_BUCKETS[i + 1];
  if (next === undefined) return `${lo}+`;
  return next - 1 === lo ? String(lo) : `${lo}-${next - 1}`;
};
