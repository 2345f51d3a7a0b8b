import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { orders } from './orders.tables.ts';

export type TOrderKpis = {
  gmvCents: number;
  paidOrders: number;
  purchasingCustomers: number;
  repurchaseRate: number;
  purchaseFrequency: number;
  aovCents: number;
};

/**
 * The KPIs of PRODUCT.md over [from, to): GMV = paid − refunded amounts; purchasing customers =
 * ≥ 1 paid (not refunded) order; repurchase rate = share of them with ≥ 2; frequency = paid orders
 * ÷ purchasing customers; AOV = GMV ÷ paid orders. Orders are "simplest form" (full refunds only),
 * so a refunded order counts in neither GMV nor paid orders.
 */
export async function getOrderKpis(ctx: Ctx, window: { from: Date; to: Date }): Promise<TOrderKpis> {
  const where = and(
    eq(orders.tenantId, ctx.actor.tenantId),
    eq(orders.status, 'paid'),
    gte(orders.paidAt, window.from),
    lt(orders.paidAt, window.to),
    await customerScopeCondition(ctx, orders.customerId),
  );
  const perCustomer = dbOf(ctx)
    .select({
      customerId: orders.customerId,
      n: sql<number>`count(*)`.as('n'),
      amount: sql<number>`sum(${orders.amountCents})`.as('amount'),
    })
    .from(orders)
    .where(where)
    .groupBy(orders.customerId)
    .as('per_customer');
  const [row] = await dbOf(ctx)
    .select({
      customers: sql<string>`count(*)`,
      repeaters: sql<string>`count(*) filter (where ${perCustomer.n} >= 2)`,
      orders: sql<string>`coalesce(sum(${perCustomer.n}), 0)`,
      gmv: sql<string>`coalesce(sum(${perCustomer.amount}), 0)`,
    })
    .from(perCustomer);
  const purchasing = Number(row?.customers ?? 0);
  const paidOrders = Number(row?.orders ?? 0);
  const gmvCents = Number(row?.gmv ?? 0);
  return {
    gmvCents,
    paidOrders,
    purchasingCustomers: purchasing,
    repurchaseRate: purchasing ? Number(row?.repeaters ?? 0) / purchasing : 0,
    purchaseFrequency: purchasing ? paidOrders / purchasing : 0,
    aovCents: paidOrders ? Math.round(gmvCents / paidOrders) : 0,
  };
}
