import { and, asc, count, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { getStoreStaffIds } from '../org/lookups.ts';
import { taskScopeCondition } from './task-scope.ts';
import type { TGuideTask, TListGuideTasksQuery } from './tasks.schemas.ts';
import { guideTasks } from './tasks.tables.ts';
import { toGuideTasks } from './to-guide-tasks.ts';

/** The WHERE of a task list: tenant, the actor's scope, and the filters. */
export async function taskFilterConditions(ctx: Ctx, q: Omit<TListGuideTasksQuery, 'page' | 'pageSize'>): Promise<SQL[]> {
  const t = guideTasks;
  const now = ctx.now();
  const where: (SQL | undefined)[] = [eq(t.tenantId, ctx.actor.tenantId), await taskScopeCondition(ctx)];
  if (q.staffId) where.push(eq(t.staffId, q.staffId));
  if (q.storeId) {
    const ids = await getStoreStaffIds(ctx, q.storeId);
    where.push(inArray(t.staffId, ids.length ? ids : [-1]));
  }
  if (q.kind) where.push(eq(t.kind, q.kind));
  if (q.customerId) where.push(eq(t.customerId, q.customerId));
  if (q.status === 'overdue') where.push(eq(t.status, 'open'), lt(t.dueAt, now));
  else if (q.status) where.push(eq(t.status, q.status));
  if (q.dueFrom) where.push(gte(t.dueAt, new Date(q.dueFrom)));
  if (q.dueTo) where.push(lt(t.dueAt, new Date(q.dueTo)));
  return where.filter((w): w is SQL => w !== undefined);
}

/**
 * Guide tasks in the actor's scope (guides: their own), filtered by store, staff, kind, status
 * (or `overdue`), customer and due range; earliest due first.
 * @example
 * const page = await listGuideTasks(ctx, { page: 1, pageSize: 20, status: 'overdue' });
 */
export async function listGuideTasks(ctx: Ctx, query: TListGuideTasksQuery): Promise<TPage<TGuideTask>> {
  const where = and(...(await taskFilterConditions(ctx, query)));
  const db = dbOf(ctx);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(guideTasks).where(where),
    db
      .select()
      .from(guideTasks)
      .where(where)
      .orderBy(asc(guideTasks.dueAt), asc(guideTasks.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
  ]);
  return { items: await toGuideTasks(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
