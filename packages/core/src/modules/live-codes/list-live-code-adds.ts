import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { getStaffNames } from '../org/lookups.ts';
import { requireVisibleLiveCode, visibleStaffIds } from './live-code-scope.ts';
import type { TLiveCodeAdd } from './live-codes.schemas.ts';
import { liveCodeAttributions } from './live-codes.tables.ts';

/**
 * The adds through a code, newest first: who added whom, the remark the template gave, re-add,
 * whether the follow ended and whether the customer went on to a first order. Only customers the
 * actor may see (guides: their own).
 */
export async function listLiveCodeAdds(ctx: Ctx, codeId: number, query: TPageQuery): Promise<TPage<TLiveCodeAdd>> {
  await requireVisibleLiveCode(ctx, codeId);
  const a = liveCodeAttributions;
  const staffIds = await visibleStaffIds(ctx);
  const where: (SQL | undefined)[] = [
    eq(a.tenantId, ctx.actor.tenantId),
    eq(a.codeId, codeId),
    staffIds === null ? undefined : inArray(a.staffId, staffIds.length ? staffIds : [-1]),
    await customerScopeCondition(ctx, a.customerId),
  ];
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(a)
    .where(and(...where));
  const rows = await db
    .select()
    .from(a)
    .where(and(...where))
    .orderBy(desc(a.addedAt), desc(a.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const names = await getStaffNames(
    ctx,
    rows.map((r) => r.staffId),
  );
  const customers = await Promise.all(rows.map((r) => getCustomerRef(ctx, r.customerId)));
  return {
    items: rows.map((r, i) => ({
      id: r.id,
      customerId: r.customerId,
      customerName: customers[i]?.name ?? `#${r.customerId}`,
      staffId: r.staffId,
      staffName: names.get(r.staffId) ?? `#${r.staffId}`,
      channelName: r.channelName,
      addedAt: r.addedAt.toISOString(),
      readd: (r.readd as TLiveCodeAdd['readd']) ?? null,
      remark: r.remark,
      deletedAt: r.deletedAt?.toISOString() ?? null,
      deletedBy: (r.deletedBy as TLiveCodeAdd['deletedBy']) ?? null,
      firstOrderAt: r.firstOrderAt && !r.orderedBefore ? r.firstOrderAt.toISOString() : null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
