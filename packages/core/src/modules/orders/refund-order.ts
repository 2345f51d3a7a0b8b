import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { notFound } from '../../lib/errors.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { orders } from './orders.tables.ts';

/**
 * Marks a paid order refunded, once: a conditional update (`status = 'paid'`), so a repeated
 * refund changes nothing and returns `duplicate: true`. Puts `order.refunded` on the timeline.
 * @example
 * await refundOrder(ctx, { externalId: 'POS-20260101-0001', refundedAt: new Date() });
 */
export async function refundOrder(
  ctx: Ctx,
  input: { externalId: string; refundedAt: Date },
): Promise<{ orderId: number; duplicate: boolean }> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const where = and(eq(orders.tenantId, tenantId), eq(orders.externalId, input.externalId));
    const [row] = await db
      .update(orders)
      .set({ status: 'refunded', refundedAt: input.refundedAt })
      .where(and(where, eq(orders.status, 'paid')))
      .returning({ id: orders.id, customerId: orders.customerId, amountCents: orders.amountCents });
    if (!row) {
      const [existing] = await db.select({ id: orders.id }).from(orders).where(where);
      if (!existing) throw notFound('Order', input.externalId);
      return { orderId: existing.id, duplicate: true };
    }
    await appendCustomerEvents(tctx, [
      {
        customerId: row.customerId,
        type: 'order.refunded',
        occurredAt: input.refundedAt,
        data: { orderId: row.id, externalId: input.externalId, amountCents: row.amountCents },
      },
    ]);
    await emitDomainEvent(tctx, {
      type: 'order.refunded',
      orderId: row.id,
      customerId: row.customerId,
      amountCents: row.amountCents,
      at: input.refundedAt,
    });
    return { orderId: row.id, duplicate: false };
  });
}
