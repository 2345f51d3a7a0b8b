import { count, desc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../../context.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../../lib/paging.ts';
import { assertRole } from '../../access/assert-role.ts';
import { wecomSyncRuns } from '../wecom.tables.ts';
import { toSyncRun } from './to-sync-run.ts';
import type { TWecomSyncRun } from './wecom-sync.schemas.ts';

/**
 * The tenant's WeCom sync runs, newest first. HQ admins only.
 * @example
 * const { items } = await listWecomSyncRuns(ctx, { page: 1, pageSize: 20 });
 */
export async function listWecomSyncRuns(ctx: Ctx, query: TPageQuery): Promise<TPage<TWecomSyncRun>> {
  assertRole(ctx.actor, ['admin'], 'see WeCom sync runs');
  const db = dbOf(ctx);
  const where = eq(wecomSyncRuns.tenantId, ctx.actor.tenantId);
  const [total] = await db.select({ n: count() }).from(wecomSyncRuns).where(where);
  const rows = await db
    .select()
    .from(wecomSyncRuns)
    .where(where)
    .orderBy(desc(wecomSyncRuns.startedAt), desc(wecomSyncRuns.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: rows.map(toSyncRun), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
