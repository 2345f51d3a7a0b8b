import { and, asc, count, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { getStaffNames } from '../org/lookups.ts';
import type { TBroadcastTask } from './broadcasts.schemas.ts';
import { broadcastTasks } from './broadcasts.tables.ts';
import { loadBroadcast } from './to-broadcast.ts';

/** A broadcast's mass tasks (one per staff member and chunk), by staff member and chunk. */
export async function listBroadcastTasks(ctx: Ctx, id: number, query: TPageQuery): Promise<TPage<TBroadcastTask>> {
  await loadBroadcast(ctx, id, 'see broadcasts');
  const db = dbOf(ctx);
  const where = and(eq(broadcastTasks.tenantId, ctx.actor.tenantId), eq(broadcastTasks.broadcastId, id));
  const rows = await db
    .select()
    .from(broadcastTasks)
    .where(where)
    .orderBy(asc(broadcastTasks.staffId), asc(broadcastTasks.chunk))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [total] = await db.select({ n: count() }).from(broadcastTasks).where(where);
  const names = await getStaffNames(
    ctx,
    rows.map((r) => r.staffId),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      staffId: r.staffId,
      staffName: names.get(r.staffId) ?? null,
      chunk: r.chunk,
      targets: r.targets,
      status: r.status as TBroadcastTask['status'],
      msgId: r.msgId,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
