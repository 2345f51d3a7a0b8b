import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { AppError } from '../../lib/errors.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { orders, type TOrderItem } from './orders.tables.ts';

export type TRecordOrderInput = {
  // The order number in the POS or mall: recording the same number twice records one order.
  externalId: string;
  customerId: number;
  storeId?: number | null;
  staffId?: number | null;
  amountCents: number;
  items?: TOrderItem[];
  paidAt: Date;
  // Who placed it, for the timeline (the simulator's customer, a POS import…).
  actorType?: 'customer' | 'staff' | 'account' | 'system';
};

/**
 * Records a paid order, idempotent on `externalId`; puts `order.paid` on the customer's timeline and
 * announces it. The caller has checked the customer (and store, staff) exist and are in scope.
 * @example
 * const { orderId, duplicate } = await recordOrder(ctx, { externalId: 'POS-20260101-0001', customerId, amountCents: 2800, paidAt });
 */
export async function recordOrder(ctx: Ctx, input: TRecordOrderInput): Promise<{ orderId: number; duplicate: boolean }> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
    throw new AppError('VALIDATION', 'amountCents: a positive whole number of cents (分).');
  }
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const [row] = await db
      .insert(orders)
      .values({
        tenantId,
        externalId: input.externalId,
        customerId: input.customerId,
        storeId: input.storeId ?? null,
        staffId: input.staffId ?? null,
        amountCents: input.amountCents,
        status: 'paid',
        items: input.items ?? [],
        paidAt: input.paidAt,
      })
      .onConflictDoNothing()
      .returning({ id: orders.id });
    if (!row) {
      const [existing] = await db
        .select({ id: orders.id, customerId: orders.customerId })
        .from(orders)
        .where(and(eq(orders.tenantId, tenantId), eq(orders.externalId, input.externalId)));
      if (!existing) throw new AppError('INTERNAL', `Order ${input.externalId} was neither recorded nor found.`);
      if (existing.customerId !== input.customerId) {
        throw new AppError(
          'CONFLICT',
          `Order number ${input.externalId} already belongs to another customer. Check the order number.`,
        );
      }
      return { orderId: existing.id, duplicate: true };
    }
    await appendCustomerEvents(tctx, [
      {
        customerId: input.customerId,
        type: 'order.paid',
        occurredAt: input.paidAt,
        actorType: input.actorType,
        actorId: input.actorType === 'customer' ? input.customerId : undefined,
        data: {
          orderId: row.id,
          externalId: input.externalId,
          amountCents: input.amountCents,
          storeId: input.storeId ?? null,
          staffId: input.staffId ?? null,
          itemCount: (input.items ?? []).reduce((n, i) => n + i.quantity, 0),
        },
      },
    ]);
    await emitDomainEvent(tctx, {
      type: 'order.paid',
      orderId: row.id,
      customerId: input.customerId,
      amountCents: input.amountCents,
      storeId: input.storeId ?? null,
      staffId: input.staffId ?? null,
      at: input.paidAt,
    });
    return { orderId: row.id, duplicate: false };
  });
}
