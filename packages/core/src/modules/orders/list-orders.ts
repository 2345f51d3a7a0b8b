import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { assertCustomerVisible, customerScopeCondition } from '../customers/customer-scope.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import type { TListOrdersQuery, TOrder } from './orders.schemas.ts';
import { orders } from './orders.tables.ts';

/** Orders of the customers the actor can see, newest first. */
export async function listOrders(ctx: Ctx, query: TListOrdersQuery): Promise<TPage<TOrder>> {
  if (query.customerId) await assertCustomerVisible(ctx, query.customerId, { allowDeleted: true });
  const where: (SQL | undefined)[] = [
    eq(orders.tenantId, ctx.actor.tenantId),
    await customerScopeCondition(ctx, orders.customerId),
  ];
  if (query.customerId) where.push(eq(orders.customerId, query.customerId));
  if (query.storeId) where.push(eq(orders.storeId, query.storeId));
  if (query.status) where.push(eq(orders.status, query.status));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(...where));
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.paidAt), desc(orders.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [customerNames, staffNames, storeNames] = await Promise.all([
    getCustomerNames(
      ctx,
      rows.map((r) => r.customerId),
    ),
    getStaffNames(
      ctx,
      rows.flatMap((r) => (r.staffId ? [r.staffId] : [])),
    ),
    getUnitNames(
      ctx,
      rows.flatMap((r) => (r.storeId ? [r.storeId] : [])),
    ),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      customerId: r.customerId,
      customerName: customerNames.get(r.customerId) ?? '',
      amountCents: r.amountCents,
      status: r.status as TOrder['status'],
      items: r.items,
      storeId: r.storeId,
      storeName: r.storeId ? (storeNames.get(r.storeId) ?? null) : null,
      staffId: r.staffId,
      staffName: r.staffId ? (staffNames.get(r.staffId) ?? null) : null,
      paidAt: r.paidAt.toISOString(),
      refundedAt: r.refundedAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
