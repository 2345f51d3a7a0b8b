// Pure rules of the virtual WeCom, kept apart so they can be tested by table.

/** A welcome code works for 20 s after the add event (send_welcome_msg, developer.work.weixin.qq.com/document/path/92137). */
export const WELCOME_CODE_TTL_MS = 20_000;

/** The share of staff members (in percent) who never confirm a mass task, as happens in real brands. */
export const NEVER_CONFIRM_PERCENT = 15;

// WeCom counts the monthly mass-message cap by calendar month in China (UTC+8, no daylight saving).
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** FNV-1a, 32 bits: a stable hash so the same staff member behaves the same in every run. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Whether this staff member is one of the deterministic share who never confirm mass tasks. */
export function staffNeverConfirms(tenantId: number, staffUserId: string): boolean {
  return fnv1a(`${tenantId}:${staffUserId}`) % 100 < NEVER_CONFIRM_PERCENT;
}

/**
 * The calendar month (China time) containing `now`, and the cap of mass messages one customer or
 * one customer group may receive in it: as many as the month has days ("每位客户/每个客户群每月最多可接收
 * 条数为当月天数", add_msg_template, developer.work.weixin.qq.com/document/path/92135; a corp may
 * lower it to 7 a week or 1 a day, which the simulator does not model).
 */
export function monthlyCapWindow(now: Date): { start: Date; end: Date; cap: number } {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    start: new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS),
    end: new Date(Date.UTC(y, m + 1, 1) - CHINA_OFFSET_MS),
    cap: new Date(Date.UTC(y, m + 1, 0)).getUTCDate(),
  };
}

/**
 * Per-target results of a confirmed mass task, in WeCom's codes: 1 sent, 2 not a friend (or the
 * group is gone), 3 over the monthly cap. `received` counts what each target already got this month.
 */
export function massTaskResults(
  targets: readonly string[],
  reachable: ReadonlySet<string>,
  received: ReadonlyMap<string, number>,
  cap: number,
): Record<string, 1 | 2 | 3> {
  const results: Record<string, 1 | 2 | 3> = {};
  for (const target of targets) {
    if (target in results) continue;
    if (!reachable.has(target)) results[target] = 2;
    else if ((received.get(target) ?? 0) >= cap) results[target] = 3;
    else results[target] = 1;
  }
  return results;
}
