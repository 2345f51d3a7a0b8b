import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TListMomentTasksQuery, TMomentTask } from './moments.schemas.ts';
import { momentTasks } from './moments.tables.ts';
import { toMomentTask } from './to-moment-task.ts';

/** Moments tasks, newest first. */
export async function listMomentTasks(ctx: Ctx, query: TListMomentTasksQuery): Promise<TPage<TMomentTask>> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view moments tasks');
  const where: SQL[] = [eq(momentTasks.tenantId, ctx.actor.tenantId)];
  if (query.status) where.push(eq(momentTasks.status, query.status));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(momentTasks)
    .where(and(...where));
  const rows = await db
    .select()
    .from(momentTasks)
    .where(and(...where))
    .orderBy(desc(momentTasks.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: rows.map(toMomentTask), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
