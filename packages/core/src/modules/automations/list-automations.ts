import { and, count, desc, eq, ilike, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { toAutomations } from './automation-queries.ts';
import type { TAutomation, TListAutomationsQuery } from './automations.schemas.ts';
import { automations } from './automations.tables.ts';

/** The tenant's rules, newest first, with run counts. Operators only. */
export async function listAutomations(ctx: Ctx, query: TListAutomationsQuery): Promise<TPage<TAutomation>> {
  assertRole(ctx.actor, TENANT_WIDE, 'see automation rules');
  const a = automations;
  const where = and(
    eq(a.tenantId, ctx.actor.tenantId),
    isNull(a.deletedAt),
    query.triggerType ? eq(a.triggerType, query.triggerType) : undefined,
    query.q ? ilike(a.name, `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`) : undefined,
  );
  const db = dbOf(ctx);
  const [total] = await db.select({ n: count() }).from(a).where(where);
  const rows = await db.select().from(a).where(where).orderBy(desc(a.id)).limit(query.pageSize).offset(pageOffset(query));
  return { items: await toAutomations(ctx, rows), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}
