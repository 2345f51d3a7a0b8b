import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { toAudience } from './audience-rows.ts';
import type { TAudience, TListAudiencesQuery } from './audiences.schemas.ts';
import { audiences } from './audiences.tables.ts';

/**
 * Saved audiences by name (then id), each with its count in the caller's scope (the index answers
 * in milliseconds, so counting a page is cheap).
 * @example
 * const page = await listAudiences(ctx, { page: 1, pageSize: 20 });
 */
export async function listAudiences(ctx: Ctx, query: TListAudiencesQuery): Promise<TPage<TAudience>> {
  const where: (SQL | undefined)[] = [eq(audiences.tenantId, ctx.actor.tenantId)];
  if (query.q) where.push(ilike(audiences.name, `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  const db = dbOf(ctx);
  const rows = await db
    .select()
    .from(audiences)
    .where(and(...where))
    .orderBy(asc(audiences.name), asc(audiences.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [total] = await db
    .select({ n: count() })
    .from(audiences)
    .where(and(...where));
  const items: TAudience[] = [];
  for (const row of rows) items.push(await toAudience(ctx, row));
  return { items, total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}
