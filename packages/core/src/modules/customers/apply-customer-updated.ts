import type { TChannelEvent } from '@pond/channels';
import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { retryLater } from '../../lib/retry-later.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { getCustomerRefByExternalId } from './customer-refs.ts';
import { follows } from './customers.tables.ts';

export type TApplyCustomerUpdatedInput = { event: Extract<TChannelEvent, { type: 'customer.updated' }> };

/**
 * The staff member edited the customer in WeCom (edit_external_contact): the follow's remark.
 * An edit for a pair Pond has not seen added yet is retried (the add may still be on its way).
 * Runs in the caller's transaction.
 */
export async function applyCustomerUpdated(ctx: Ctx, input: TApplyCustomerUpdatedInput): Promise<{ customerId: number }> {
  const { event } = input;
  return inTransaction(ctx, async (tctx) => {
    const member = await requireStaffByWecomUserId(tctx, event.staffUserId);
    const customer = await getCustomerRefByExternalId(tctx, event.externalUserId);
    if (!customer) throw retryLater(`Customer ${event.externalUserId} is not known yet; the add event may still be on its way.`);
    const db = dbOf(tctx);
    const where = and(
      eq(follows.tenantId, tctx.actor.tenantId),
      eq(follows.customerId, customer.id),
      eq(follows.staffId, member.id),
    );
    const [follow] = await db.select({ id: follows.id }).from(follows).where(where);
    if (!follow)
      throw retryLater(
        `Customer ${event.externalUserId} has no relation with ${event.staffUserId} yet; the add event may still be on its way.`,
      );
    const at = new Date(event.at);
    if (event.remark !== undefined) {
      await db.update(follows).set({ remark: event.remark }).where(where);
      await appendCustomerEvents(tctx, [
        {
          customerId: customer.id,
          type: 'customer.updated',
          occurredAt: at,
          actorType: 'staff',
          actorId: member.id,
          data: { fields: ['remark'], remark: event.remark, staffId: member.id, staffName: member.name },
        },
      ]);
    }
    await emitDomainEvent(tctx, {
      type: 'customer.updated',
      customerId: customer.id,
      staffId: member.id,
      remark: event.remark ?? null,
      at,
    });
    return { customerId: customer.id };
  });
}
