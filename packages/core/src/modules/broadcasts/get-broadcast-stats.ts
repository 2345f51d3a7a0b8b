import { and, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { dbOf } from '../../context.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import type { TBroadcastStats } from './broadcasts.schemas.ts';
import { broadcastRecipients, broadcastTasks } from './broadcasts.tables.ts';
import { loadBroadcast } from './to-broadcast.ts';

/** Recipients by status: for the broadcast, per store and per staff member; and its tasks' progress. */
export async function getBroadcastStats(ctx: Ctx, id: number): Promise<TBroadcastStats> {
  await loadBroadcast(ctx, id, 'see broadcasts');
  const db = dbOf(ctx);
  const r = broadcastRecipients;
  const rows = await db
    .select({ staffId: r.staffId, storeId: r.storeId, status: r.status, n: count() })
    .from(r)
    .where(and(eq(r.tenantId, ctx.actor.tenantId), eq(r.broadcastId, id)))
    .groupBy(r.staffId, r.storeId, r.status);
  const tasks = await db
    .select({ status: broadcastTasks.status, n: count() })
    .from(broadcastTasks)
    .where(and(eq(broadcastTasks.tenantId, ctx.actor.tenantId), eq(broadcastTasks.broadcastId, id)))
    .groupBy(broadcastTasks.status);
  const total: Record<string, number> = {};
  const byStore = new Map<number | null, Record<string, number>>();
  const byStaff = new Map<number | null, { storeId: number | null; counts: Record<string, number> }>();
  const add = (c: Record<string, number>, status: string, n: number) => {
    c[status] = (c[status] ?? 0) + n;
  };
  for (const row of rows) {
    const n = Number(row.n);
    add(total, row.status, n);
    const s = byStore.get(row.storeId) ?? {};
    byStore.set(row.storeId, s);
    add(s, row.status, n);
    const st = byStaff.get(row.staffId) ?? { storeId: row.storeId, counts: {} };
    byStaff.set(row.staffId, st);
    add(st.counts, row.status, n);
  }
  const storeNames = await getUnitNames(
    ctx,
    [...byStore.keys()].filter((k): k is number => k !== null),
  );
  const staffNames = await getStaffNames(
    ctx,
    [...byStaff.keys()].filter((k): k is number => k !== null),
  );
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const taskCount = (s: string) => Number(tasks.find((t) => t.status === s)?.n ?? 0);
  return {
    total,
    byStore: [...byStore]
      .map(([storeId, counts]) => ({ storeId, storeName: storeId === null ? null : (storeNames.get(storeId) ?? null), counts }))
      .sort((a, b) => sum(b.counts) - sum(a.counts) || (a.storeId ?? 0) - (b.storeId ?? 0)),
    byStaff: [...byStaff]
      .map(([staffId, v]) => ({
        staffId,
        staffName: staffId === null ? null : (staffNames.get(staffId) ?? null),
        storeId: v.storeId,
        counts: v.counts,
      }))
      .sort((a, b) => sum(b.counts) - sum(a.counts) || (a.staffId ?? 0) - (b.staffId ?? 0)),
    tasks: {
      total: tasks.reduce((a, t) => a + Number(t.n), 0),
      waiting: taskCount('waiting') + taskCount('queued') + taskCount('pending'),
      done: taskCount('done'),
    },
  };
}
