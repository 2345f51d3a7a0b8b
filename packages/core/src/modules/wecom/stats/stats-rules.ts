// Pure rules of the WeCom statistics pull: days in Asia/Shanghai (UTC+8, no daylight saving).

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
// get_user_behavior_data and groupchat/statistic: a range of at most 30 days, within the last 180.
// https://developer.work.weixin.qq.com/document/path/92132 , https://developer.work.weixin.qq.com/document/path/92133
export const MAX_PULL_DAYS = 30;
export const MAX_PULL_AGE_DAYS = 180;
// groupchat/statistic: owner_filter.userid_list takes at most 100 userids; limit at most 1000.
export const GROUP_STAT_OWNERS_MAX = 100;
export const GROUP_STAT_LIMIT = 1000;

/**
 * The calendar day (YYYY-MM-DD) in Asia/Shanghai of an instant.
 * @example
 * shanghaiDay(new Date('2026-03-01T17:00:00Z')); // '2026-03-02'
 */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Unix seconds of 00:00 Asia/Shanghai on `day`, as WeCom's statistics APIs take it.
 * @example
 * dayStartUnix('2026-03-02'); // 1772380800
 */
export function dayStartUnix(day: string): number {
  return Math.floor((Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS) / 1000);
}

/**
 * The Shanghai day a WeCom `stat_time` (unix seconds of the day's 00:00 Beijing time) stands for.
 * Read at noon of that day, so a server that sends UTC midnights instead lands on the same date.
 * @example
 * dayOfStatTime(1772380800); // '2026-03-02'
 */
export const dayOfStatTime = (statTime: number) => shanghaiDay(new Date((statTime + 12 * 3600) * 1000));

/**
 * Unix seconds of the last second of `day` in Asia/Shanghai (the end of a pull range).
 * @example
 * dayEndUnix('2026-03-02'); // 1772467199
 */
export const dayEndUnix = (day: string) => dayStartUnix(day) + 86_399;

/**
 * Every day from `from` to `to`, both included.
 * @example
 * daysBetween('2026-03-01', '2026-03-03'); // ['2026-03-01', '2026-03-02', '2026-03-03']
 */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The day before `at`'s day in Shanghai: the latest day WeCom has statistics for.
 * @example
 * yesterdayIn(new Date('2026-03-02T01:00:00Z')); // '2026-03-01'
 */
export const yesterdayIn = (at: Date) => shanghaiDay(new Date(at.getTime() - DAY_MS));

/**
 * What is wrong with a pull range, or null: `from` ≤ `to` ≤ yesterday, ≤ 30 days, ≤ 180 days old.
 * @example
 * pullRangeProblem({ from: '2026-03-05', to: '2026-03-01' }, now); // 'from: must be on or before to …'
 */
export function pullRangeProblem(range: { from: string; to: string }, now: Date): string | null {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!valid(range.from)) return 'from: use a date like 2026-03-01.';
  if (!valid(range.to)) return 'to: use a date like 2026-03-01.';
  if (range.from > range.to) return 'from: must be on or before to. Swap the dates.';
  const yesterday = yesterdayIn(now);
  if (range.to > yesterday) return `to: WeCom has statistics up to yesterday (${yesterday}) only. Pick an earlier day.`;
  const days = daysBetween(range.from, range.to).length;
  if (days > MAX_PULL_DAYS)
    return `from/to: ${days} days is more than ${MAX_PULL_DAYS}. Pull in ranges of ${MAX_PULL_DAYS} days or fewer.`;
  const oldest = shanghaiDay(new Date(now.getTime() - MAX_PULL_AGE_DAYS * DAY_MS));
  if (range.from < oldest) return `from: WeCom keeps ${MAX_PULL_AGE_DAYS} days of statistics (from ${oldest}). Pick a later day.`;
  return null;
}
