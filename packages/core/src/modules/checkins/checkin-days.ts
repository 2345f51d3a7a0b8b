// Calendar arithmetic for check-in campaigns. A campaign day is a calendar day in the campaign's
// time zone (Asia/Shanghai): it begins at 00:00 local time. Dates travel as 'YYYY-MM-DD' strings;
// day numbers are 0-based offsets from the start date.

/** Every campaign counts its days in this zone (Pond's default tenant zone; China has no DST). */
export const CHECKIN_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

function localParts(at: Date, timeZone: string): { date: string; minutes: number } {
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** The local calendar date of an instant. @example localDate(new Date('2026-03-01T16:00:00Z')) // '2026-03-02' */
export const localDate = (at: Date, timeZone = CHECKIN_TIME_ZONE): string => localParts(at, timeZone).date;

/** Minutes since local midnight of an instant (0..1439). */
export const localMinutes = (at: Date, timeZone = CHECKIN_TIME_ZONE): number => localParts(at, timeZone).minutes;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is false). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const utcMs = (date: string): number => {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};

/** `date` plus `n` days. @example addDays('2026-02-28', 1) // '2026-03-01' */
export const addDays = (date: string, n: number): string => new Date(utcMs(date) + n * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utcMs(to) - utcMs(from)) / DAY_MS);

/** 'HH:MM' → minutes since midnight. */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`Not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
