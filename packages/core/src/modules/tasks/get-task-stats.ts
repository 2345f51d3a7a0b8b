import { and, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getStaffRefs, getStoreStaffIds, getUnitNames } from '../org/lookups.ts';
import { completionRate } from './task-rules.ts';
import { taskScopeCondition } from './task-scope.ts';
import type { TTaskCounts, TTaskStats, TTaskStatsQuery } from './tasks.schemas.ts';
import { guideTasks } from './tasks.tables.ts';

type TRaw = { total: number; done: number; skipped: number; expired: number; overdue: number; pending: number };

const withRate = (c: TRaw): TTaskCounts => ({ ...c, completionRate: completionRate(c) });
const add = (a: TRaw, b: TRaw): TRaw => ({
  total: a.total + b.total,
  done: a.done + b.done,
  skipped: a.skipped + b.skipped,
  expired: a.expired + b.expired,
  overdue: a.overdue + b.overdue,
  pending: a.pending + b.pending,
});
const ZERO: TRaw = { total: 0, done: 0, skipped: 0, expired: 0, overdue: 0, pending: 0 };

/**
 * Task completion over tasks due in [from, to), per staff member, per store and in total, in the
 * actor's scope. Completion rate = done ÷ (total − pending), where pending are open tasks not yet
 * due; overdue = open and past due now.
 */
export async function getTaskStats(ctx: Ctx, query: TTaskStatsQuery): Promise<TTaskStats> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (!(from < to)) throw new AppError('VALIDATION', 'from must be before to. Pick a valid date range.');
  if (to.getTime() - from.getTime() > 366 * 86_400_000) {
    throw new AppError('VALIDATION', 'The range is over a year. Pick a shorter range.');
  }
  const t = guideTasks;
  const now = ctx.now().toISOString();
  const where: (SQL | undefined)[] = [
    eq(t.tenantId, ctx.actor.tenantId),
    await taskScopeCondition(ctx),
    gte(t.dueAt, from),
    lt(t.dueAt, to),
  ];
  if (query.storeId) {
    const ids = await getStoreStaffIds(ctx, query.storeId);
    where.push(inArray(t.staffId, ids.length ? ids : [-1]));
  }
  const n = (cond: SQL) => sql<string>`count(*) filter (where ${cond})`;
  const rows = await dbOf(ctx)
    .select({
      staffId: t.staffId,
      total: count(),
      done: n(sql`${t.status} = 'done'`),
      skipped: n(sql`${t.status} = 'skipped'`),
      expired: n(sql`${t.status} = 'expired'`),
      overdue: n(sql`${t.status} = 'open' and ${t.dueAt} < ${now}::timestamptz`),
      pending: n(sql`${t.status} = 'open' and ${t.dueAt} >= ${now}::timestamptz`),
    })
    .from(t)
    .where(and(...where))
    .groupBy(t.staffId);
  const staff = await getStaffRefs(
    ctx,
    rows.map((r) => r.staffId),
  );
  const storeNames = await getUnitNames(
    ctx,
    [...staff.values()].flatMap((s) => (s.storeId ? [s.storeId] : [])),
  );
  const byStore = new Map<number | null, TRaw>();
  let totals = ZERO;
  const byStaff = rows.map((r) => {
    const raw: TRaw = {
      total: r.total,
      done: Number(r.done),
      skipped: Number(r.skipped),
      expired: Number(r.expired),
      overdue: Number(r.overdue),
      pending: Number(r.pending),
    };
    const s = staff.get(r.staffId);
    const storeId = s?.storeId ?? null;
    byStore.set(storeId, add(byStore.get(storeId) ?? ZERO, raw));
    totals = add(totals, raw);
    return {
      ...withRate(raw),
      staffId: r.staffId,
      staffName: s?.name ?? '',
      storeId,
      storeName: storeId ? (storeNames.get(storeId) ?? null) : null,
    };
  });
  // Lowest completion first: who needs a nudge is on top.
  byStaff.sort((a, b) => a.completionRate - b.completionRate || b.total - a.total || a.staffId - b.staffId);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    totals: withRate(totals),
    byStore: [...byStore.entries()]
      .map(([storeId, raw]) => ({ ...withRate(raw), storeId, storeName: storeId ? (storeNames.get(storeId) ?? null) : null }))
      .sort((a, b) => a.completionRate - b.completionRate || (a.storeId ?? 0) - (b.storeId ?? 0)),
    byStaff,
  };
}
