import type { TChannelEvent } from '@pond/channels';
import { type Ctx, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { AppError } from '../../lib/errors.ts';
import { retryLater } from '../../lib/retry-later.ts';
import { ensureCustomerByExternalId } from '../customers/ensure-customer.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { getGroupRefByChatId } from './group-refs.ts';
import { recordMessage } from './record-message.ts';

export type TApplyMessageEventInput = { source: string; event: Extract<TChannelEvent, { type: 'message' }> };

/**
 * A message said in a customer group or a private chat, from a message source (session archive,
 * robot @-mention, or the simulator): stored once per msgId, on the customer's timeline, and
 * announced as `group.message` / `private.message`. Runs in the caller's transaction.
 */
export async function applyMessageEvent(
  ctx: Ctx,
  input: TApplyMessageEventInput,
): Promise<{ messageId: number; duplicate: boolean }> {
  const { event } = input;
  const at = new Date(event.at);
  return inTransaction(ctx, async (tctx) => {
    const senderType = event.sender.type;
    if (event.conversation === 'group') {
      if (!event.chatId)
        throw new AppError('VALIDATION', `Group message ${event.msgId} has no chatId; the message source must send it.`);
      const group = await getGroupRefByChatId(tctx, event.chatId);
      if (!group) throw retryLater(`Customer group ${event.chatId} is not known yet; its create event may still be on its way.`);
      const customerId =
        senderType === 'customer'
          ? (await ensureCustomerByExternalId(tctx, { externalUserId: event.sender.id, source: input.source, at })).id
          : null;
      const staffId = senderType === 'staff' ? ((await getStaffByWecomUserId(tctx, event.sender.id))?.id ?? null) : null;
      const recorded = await recordMessage(tctx, {
        externalMsgId: event.msgId,
        conversation: 'group',
        groupId: group.id,
        groupName: group.name,
        customerId,
        staffId,
        senderType,
        msgType: event.msgType,
        content: event.content,
        sentAt: at,
      });
      if (!recorded.duplicate) {
        await emitDomainEvent(tctx, {
          type: 'group.message',
          messageId: recorded.messageId,
          groupId: group.id,
          customerId,
          staffId,
          senderType,
          content: event.content,
          at,
        });
      }
      return recorded;
    }
    if (!event.staffUserId || !event.externalUserId) {
      throw new AppError(
        'VALIDATION',
        `Private message ${event.msgId} needs staffUserId and externalUserId; the message source must send both.`,
      );
    }
    const member = await requireStaffByWecomUserId(tctx, event.staffUserId);
    const customer = await ensureCustomerByExternalId(tctx, { externalUserId: event.externalUserId, source: input.source, at });
    const recorded = await recordMessage(tctx, {
      externalMsgId: event.msgId,
      conversation: 'private',
      customerId: customer.id,
      staffId: member.id,
      senderType,
      msgType: event.msgType,
      content: event.content,
      sentAt: at,
    });
    if (!recorded.duplicate) {
      await emitDomainEvent(tctx, {
        type: 'private.message',
        messageId: recorded.messageId,
        customerId: customer.id,
        staffId: member.id,
        senderType,
        content: event.content,
        at,
      });
    }
    return recorded;
  });
}
