import { and, count, eq, gte, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { getUnitNames } from '../org/lookups.ts';
import { assertCanReadStoreCodes, findStoreCode } from './get-store-code.ts';
import type { TStoreCodeStats } from './store-codes.schemas.ts';
import { storeCodeScans } from './store-codes.tables.ts';

const FALLBACKS = sql`${storeCodeScans.reason} in ('fallback_out_of_range', 'fallback_no_location')`;

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export const dayIn = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The day `days - 1` before `day` (both `YYYY-MM-DD`): the first day of a window of `days` days. */
export const windowStart = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
};

/**
 * Resolutions of a store code over the last `days` days (today included, in the tenant's time
 * zone): totals by reason and the share of fallbacks, per store (scans, median distance) and per
 * store per day. A store manager sees only the scans routed to their store.
 */
export async function getStoreCodeStats(
  ctx: Ctx,
  id: number,
  input: { days: number; timeZone: string },
): Promise<TStoreCodeStats> {
  assertCanReadStoreCodes(ctx);
  if (!(await findStoreCode(ctx, id))) throw notFound('Store code', id);
  const to = dayIn(ctx.now(), input.timeZone);
  const from = windowStart(to, input.days);
  const local = sql`(${storeCodeScans.createdAt} at time zone ${input.timeZone})`;
  const where: (SQL | undefined)[] = [
    eq(storeCodeScans.tenantId, ctx.actor.tenantId),
    eq(storeCodeScans.storeCodeId, id),
    // The window's first midnight, local time, as an instant.
    gte(storeCodeScans.createdAt, sql`(${from}::date)::timestamp at time zone ${input.timeZone}`),
    ctx.actor.role === 'store_manager' ? eq(storeCodeScans.storeId, ctx.actor.storeId ?? -1) : undefined,
  ];
  const db = dbOf(ctx);
  const [byReason, byStore, byDay] = await Promise.all([
    db
      .select({ reason: storeCodeScans.reason, n: count() })
      .from(storeCodeScans)
      .where(and(...where))
      .groupBy(storeCodeScans.reason),
    db
      .select({
        storeId: storeCodeScans.storeId,
        scans: count(),
        nearest: sql<number>`(count(*) filter (where ${storeCodeScans.reason} = 'nearest'))::int`,
        fallbacks: sql<number>`(count(*) filter (where ${FALLBACKS}))::int`,
        chosen: sql<number>`(count(*) filter (where ${storeCodeScans.reason} = 'chosen'))::int`,
        median: sql<
          number | null
        >`percentile_cont(0.5) within group (order by ${storeCodeScans.distanceMetres}) filter (where ${storeCodeScans.distanceMetres} is not null)`,
      })
      .from(storeCodeScans)
      .where(and(...where))
      .groupBy(storeCodeScans.storeId)
      .orderBy(sql`count(*) desc`, sql`${storeCodeScans.storeId} nulls last`),
    db
      .select({
        day: sql<string>`to_char(${local}, 'YYYY-MM-DD')`,
        storeId: storeCodeScans.storeId,
        scans: count(),
        fallbacks: sql<number>`(count(*) filter (where ${FALLBACKS}))::int`,
      })
      .from(storeCodeScans)
      .where(and(...where))
      .groupBy(sql`1`, storeCodeScans.storeId)
      .orderBy(sql`1`, sql`${storeCodeScans.storeId} nulls last`),
  ]);
  const n = (reason: string) => Number(byReason.find((r) => r.reason === reason)?.n ?? 0);
  const scans = byReason.reduce((sum, r) => sum + Number(r.n), 0);
  const fallbacks = n('fallback_out_of_range') + n('fallback_no_location');
  const names = await getUnitNames(
    ctx,
    byStore.flatMap((r) => (r.storeId === null ? [] : [r.storeId])),
  );
  return {
    from,
    to,
    totals: {
      scans,
      nearest: n('nearest'),
      fallbackOutOfRange: n('fallback_out_of_range'),
      fallbackNoLocation: n('fallback_no_location'),
      chosen: n('chosen'),
      unavailable: n('unavailable'),
      fallbackShare: scans === 0 ? 0 : fallbacks / scans,
    },
    byStore: byStore.map((r) => ({
      storeId: r.storeId,
      storeName: r.storeId === null ? null : (names.get(r.storeId) ?? null),
      scans: Number(r.scans),
      nearest: Number(r.nearest),
      fallbacks: Number(r.fallbacks),
      chosen: Number(r.chosen),
      medianDistanceMetres: r.median === null ? null : Math.round(Number(r.median)),
    })),
    byDay: byDay.map((r) => ({ day: r.day, storeId: r.storeId, scans: Number(r.scans), fallbacks: Number(r.fallbacks) })),
  };
}
