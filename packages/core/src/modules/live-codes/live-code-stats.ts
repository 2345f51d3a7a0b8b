import { and, eq, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getStaffNames } from '../org/lookups.ts';
import { liveCodeNow } from './live-code-clock.ts';
import { requireVisibleLiveCode, visibleStaffIds } from './live-code-scope.ts';
import type { TLiveCodeStats, TLiveCodeStatsQuery } from './live-codes.schemas.ts';
import { liveCodeAttributions, liveCodeDailyCounts } from './live-codes.tables.ts';
import { localClock } from './route-live-code.ts';

/** The most days one statistics request covers. */
export const STATS_MAX_DAYS = 366;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

type TNumbers = Omit<TLiveCodeStats['totals'], 'deleted' | 'net' | 'conversionRate'>;
const zero = (): TNumbers => ({ added: 0, readds: 0, deletedByCustomer: 0, deletedByStaff: 0, converted: 0 });
const finish = (n: TNumbers): TLiveCodeStats['totals'] => {
  const deleted = n.deletedByCustomer + n.deletedByStaff;
  return {
    ...n,
    deleted,
    net: n.added - deleted,
    // Rounded to 4 decimals (0.1234 = 12.34 %).
    conversionRate: n.added > 0 ? Math.round((n.converted / n.added) * 10_000) / 10_000 : 0,
  };
};

/** The date range of a statistics query: default the 7 days up to today (Asia/Shanghai). */
export async function statsRange(
  ctx: Ctx,
  query: Pick<TLiveCodeStatsQuery, 'from' | 'to'>,
): Promise<{ from: string; to: string }> {
  const to = query.to ?? localClock(await liveCodeNow(ctx)).day;
  const from = query.from ?? dayOf(dayNumber(to) - 6);
  if (dayNumber(from) > dayNumber(to))
    throw new AppError('VALIDATION', 'from: the first day must not be after the last. Swap them.');
  if (dayNumber(to) - dayNumber(from) + 1 > STATS_MAX_DAYS) {
    throw new AppError('VALIDATION', `from: at most ${STATS_MAX_DAYS} days at once. Choose a shorter range.`);
  }
  return { from, to };
}

/**
 * A live code's numbers by day, by staff member, or by both, in a date range (days in
 * Asia/Shanghai, both ends included):
 * - added: adds through the code (re-adds included); readds: of those, customers who already knew
 *   the brand (same or another staff member);
 * - deletedByCustomer / deletedByStaff: follows that came through the code and ended, on the day
 *   they ended; net = added − deleted;
 * - converted: adds of that day whose customer's first paid order came after the add (the
 *   `order.paid` events the module follows); conversionRate = converted ÷ added.
 * Guides see their own rows, store managers their store's staff; HQ everything. By day, every day
 * of the range has a row (zeros included), for charts.
 * @example
 * const s = await getLiveCodeStats(ctx, 12, { from: '2026-03-01', to: '2026-03-07', groupBy: 'day' });
 */
export async function getLiveCodeStats(ctx: Ctx, codeId: number, query: TLiveCodeStatsQuery): Promise<TLiveCodeStats> {
  await requireVisibleLiveCode(ctx, codeId);
  const { from, to } = await statsRange(ctx, query);
  const staffIds = await visibleStaffIds(ctx);
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const c = liveCodeDailyCounts;
  const a = liveCodeAttributions;
  const staffFilter = (column: typeof c.staffId | typeof a.staffId): SQL | undefined =>
    staffIds === null ? undefined : inArray(column, staffIds.length ? staffIds : [-1]);

  const [counts, conversions] = await Promise.all([
    db
      .select({
        day: c.day,
        staffId: c.staffId,
        added: c.added,
        readds: c.readds,
        deletedByCustomer: c.deletedByCustomer,
        deletedByStaff: c.deletedByStaff,
      })
      .from(c)
      .where(and(eq(c.tenantId, t), eq(c.codeId, codeId), gte(c.day, from), lte(c.day, to), staffFilter(c.staffId))),
    db
      .select({ day: a.day, staffId: a.staffId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(a)
      .where(
        and(
          eq(a.tenantId, t),
          eq(a.codeId, codeId),
          gte(a.day, from),
          lte(a.day, to),
          isNotNull(a.firstOrderAt),
          eq(a.orderedBefore, false),
          staffFilter(a.staffId),
        ),
      )
      .groupBy(a.day, a.staffId),
  ]);

  const groupBy = query.groupBy;
  const keyOf = (day: string, staffId: number) =>
    groupBy === 'day' ? day : groupBy === 'staff' ? String(staffId) : `${day}|${staffId}`;
  const rows = new Map<string, { day: string | null; staffId: number | null; n: TNumbers }>();
  const rowFor = (day: string, staffId: number) => {
    const key = keyOf(day, staffId);
    let row = rows.get(key);
    if (!row) {
      row = { day: groupBy === 'staff' ? null : day, staffId: groupBy === 'day' ? null : staffId, n: zero() };
      rows.set(key, row);
    }
    return row.n;
  };
  if (groupBy === 'day') for (let d = dayNumber(from); d <= dayNumber(to); d++) rowFor(dayOf(d), 0);
  const totals = zero();
  for (const r of counts) {
    const n = rowFor(r.day, r.staffId);
    for (const k of ['added', 'readds', 'deletedByCustomer', 'deletedByStaff'] as const) {
      n[k] += r[k];
      totals[k] += r[k];
    }
  }
  for (const r of conversions) {
    rowFor(r.day, r.staffId).converted += r.n;
    totals.converted += r.n;
  }
  const names = await getStaffNames(
    ctx,
    [...rows.values()].flatMap((r) => (r.staffId === null ? [] : [r.staffId])),
  );
  const out = [...rows.values()]
    .sort((x, y) => (x.day ?? '').localeCompare(y.day ?? '') || (x.staffId ?? 0) - (y.staffId ?? 0))
    .map((r) => ({
      day: r.day,
      staffId: r.staffId,
      staffName: r.staffId === null ? null : (names.get(r.staffId) ?? `#${r.staffId}`),
      ...finish(r.n),
    }));
  return { codeId, from, to, groupBy, rows: out, totals: finish(totals) };
}
