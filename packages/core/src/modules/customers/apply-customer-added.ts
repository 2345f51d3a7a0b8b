import type { TChannelEvent } from '@pond/channels';
import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { applyFollowChange } from './apply-follow-change.ts';
import { customers } from './customers.tables.ts';
import { ensureCustomerByExternalId } from './ensure-customer.ts';
import { resolveWelcome } from './welcome-message.ts';

export type TApplyCustomerAddedInput = {
  // The inbox row, for the welcome's idempotency key; null when not from the inbox.
  inboxEventId: number | null;
  // Where the customer came from: 'wecom' | 'sim'.
  source: string;
  event: Extract<TChannelEvent, { type: 'customer.added' }>;
};

export type TApplyCustomerAddedResult = {
  customerId: number;
  followId: number | null;
  current: boolean;
  readd: boolean;
  welcomeActionId: number | null;
};

/**
 * A customer added a staff member (add_external_contact): finds or creates the customer, creates
 * or revives the follow (a re-add counts in `readds`), puts `follow.added` on the timeline, and —
 * when the add is the pair's present state and came with a welcome code — enqueues the welcome
 * message (key `welcome:<inboxEventId>`). A late add older than a deletion already applied changes
 * only the history. Runs in the caller's transaction.
 */
export async function applyCustomerAdded(ctx: Ctx, input: TApplyCustomerAddedInput): Promise<TApplyCustomerAddedResult> {
  const { event } = input;
  return inTransaction(ctx, async (tctx) => {
    const member = await requireStaffByWecomUserId(tctx, event.staffUserId);
    const at = new Date(event.at);
    const customer = await ensureCustomerByExternalId(tctx, {
      externalUserId: event.externalUserId,
      name: event.customer.name,
      avatar: event.customer.avatar,
      gender: event.customer.gender,
      unionId: event.customer.unionId,
      storeId: member.storeId,
      source: input.source,
      at,
    });
    const change = await applyFollowChange(tctx, {
      customerId: customer.id,
      staffId: member.id,
      staffName: member.name,
      kind: 'add',
      at,
      state: event.state ?? null,
    });
    let welcomeActionId: number | null = null;
    if (change.current) {
      // The add event carries the customer's current WeCom profile.
      const db = dbOf(tctx);
      const where = and(eq(customers.tenantId, tctx.actor.tenantId), eq(customers.id, customer.id));
      await db
        .update(customers)
        .set({
          name: event.customer.name,
          ...(event.customer.avatar !== undefined ? { avatar: event.customer.avatar } : {}),
          ...(event.customer.gender !== undefined ? { gender: event.customer.gender } : {}),
          ...(event.customer.unionId !== undefined ? { unionId: event.customer.unionId } : {}),
          updatedAt: tctx.now(),
        })
        .where(where);
      // A customer without a store belongs to the store of the first staff member they add.
      if (member.storeId !== null) {
        await db
          .update(customers)
          .set({ storeId: member.storeId })
          .where(and(where, isNull(customers.storeId)));
      }
      if (event.welcomeCode && input.inboxEventId !== null) {
        const content = await resolveWelcome(tctx, {
          customerId: customer.id,
          customerName: event.customer.name,
          staffId: member.id,
          staffName: member.name,
          storeId: member.storeId,
          state: event.state ?? null,
          readd: change.readd,
          at,
        });
        if (content) {
          const { actionId } = await enqueueAction(tctx, {
            idempotencyKey: `welcome:${input.inboxEventId}`,
            kind: 'welcome',
            payload: {
              welcomeCode: event.welcomeCode,
              content,
              customerId: customer.id,
              staffId: member.id,
              staffUserId: event.staffUserId,
              externalUserId: event.externalUserId,
            },
          });
          welcomeActionId = actionId;
        }
      }
      await emitDomainEvent(tctx, {
        type: 'customer.added',
        customerId: customer.id,
        staffId: member.id,
        state: event.state ?? null,
        readd: change.readd,
        newCustomer: customer.created,
        inboxEventId: input.inboxEventId,
        at,
      });
    }
    return { customerId: customer.id, followId: change.followId, current: change.current, readd: change.readd, welcomeActionId };
  });
}
