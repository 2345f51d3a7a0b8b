import type { TChannelEvent } from '@pond/channels';
import { type Ctx, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { applyFollowChange } from './apply-follow-change.ts';
import { ensureCustomerByExternalId } from './ensure-customer.ts';

export type TApplyFollowDeletedInput = {
  source: string;
  event: Extract<TChannelEvent, { type: 'customer.deleted_staff' | 'staff.deleted_customer' }>;
};

/**
 * The relation ended: the customer deleted the staff member (del_follow_user) or the staff member
 * deleted the customer (del_external_contact). Sets `deleted_at`/`deleted_by`, puts
 * `follow.deleted` on the timeline. A deletion that arrives before its add is remembered, so the
 * late add finds the relation already over; one older than a re-add changes only the history.
 * Runs in the caller's transaction.
 */
export async function applyFollowDeleted(
  ctx: Ctx,
  input: TApplyFollowDeletedInput,
): Promise<{ customerId: number; followId: number | null; current: boolean }> {
  const { event } = input;
  return inTransaction(ctx, async (tctx) => {
    const member = await requireStaffByWecomUserId(tctx, event.staffUserId);
    const at = new Date(event.at);
    const customer = await ensureCustomerByExternalId(tctx, { externalUserId: event.externalUserId, source: input.source, at });
    const deletedBy = event.type === 'customer.deleted_staff' ? 'customer' : 'staff';
    const change = await applyFollowChange(tctx, {
      customerId: customer.id,
      staffId: member.id,
      staffName: member.name,
      kind: 'delete',
      at,
      deletedBy,
    });
    if (change.current) {
      await emitDomainEvent(tctx, { type: event.type, customerId: customer.id, staffId: member.id, at });
    }
    return { customerId: customer.id, followId: change.followId, current: change.current };
  });
}
