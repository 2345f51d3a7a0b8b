import { and, count, eq, inArray, max, sum } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { orders, type TOrderItem } from './orders.tables.ts';

export type TOrderStats = { orderCount: number; totalSpentCents: number; lastOrderAt: string | null };

/** customerId → paid order count, amount spent (refunds excluded) and last order time. */
export async function getOrderStats(ctx: Ctx, customerIds: readonly number[]): Promise<Map<number, TOrderStats>> {
  if (customerIds.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({
      customerId: orders.customerId,
      n: count(),
      spent: sum(orders.amountCents),
      last: max(orders.paidAt),
    })
    .from(orders)
    .where(and(eq(orders.tenantId, ctx.actor.tenantId), inArray(orders.customerId, [...customerIds]), eq(orders.status, 'paid')))
    .groupBy(orders.customerId);
  return new Map(
    rows.map((r) => [
      r.customerId,
      { orderCount: r.n, totalSpentCents: Number(r.spent ?? 0), lastOrderAt: r.last ? new Date(r.last).toISOString() : null },
    ]),
  );
}

/** The paid amount and lines of an order, or null when it does not exist (the `order.paid` event carries no lines). */
export async function getOrderLines(ctx: Ctx, orderId: number): Promise<{ amountCents: number; items: TOrderItem[] } | null> {
  const [row] = await dbOf(ctx)
    .select({ amountCents: orders.amountCents, items: orders.items })
    .from(orders)
    .where(and(eq(orders.tenantId, ctx.actor.tenantId), eq(orders.id, orderId)));
  return row ?? null;
}
