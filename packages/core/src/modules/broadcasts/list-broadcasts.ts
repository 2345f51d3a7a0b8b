import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import type { TBroadcast, TListBroadcastsQuery } from './broadcasts.schemas.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { toBroadcast } from './to-broadcast.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Broadcasts of the tenant, newest first. */
export async function listBroadcasts(ctx: Ctx, query: TListBroadcastsQuery): Promise<TPage<TBroadcast>> {
  assertRole(ctx.actor, TENANT_WIDE, 'see broadcasts');
  const where: (SQL | undefined)[] = [
    eq(broadcasts.tenantId, ctx.actor.tenantId),
    query.status ? eq(broadcasts.status, query.status) : undefined,
    query.q ? ilike(broadcasts.name, likePattern(query.q)) : undefined,
  ];
  const db = dbOf(ctx);
  const rows = await db
    .select()
    .from(broadcasts)
    .where(and(...where))
    .orderBy(desc(broadcasts.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [total] = await db
    .select({ n: count() })
    .from(broadcasts)
    .where(and(...where));
  return { items: rows.map(toBroadcast), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
