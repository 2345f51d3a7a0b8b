import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { orders, type TOrderItem } from '../orders/orders.tables.ts';

// The one read of another module's table in the referral module: the `order.paid` domain event
// carries the amount but not the lines, and commissions depend on the lines' SKUs. It belongs in
// orders/order-queries.ts as a published lookup; it lives here only until the orders module
// publishes one (the orders module was not ours to change in issue 4).

/** The paid amount and lines of an order, or null when it does not exist. */
export async function getOrderLines(ctx: Ctx, orderId: number): Promise<{ amountCents: number; items: TOrderItem[] } | null> {
  const [row] = await dbOf(ctx)
    .select({ amountCents: orders.amountCents, items: orders.items })
    .from(orders)
    .where(and(eq(orders.tenantId, ctx.actor.tenantId), eq(orders.id, orderId)));
  return row ?? null;
}
