import type { TMessageContent } from '@pond/channels';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getCustomer } from '../customers/get-customer.ts';
import { customerToken } from '../links/customer-token.ts';
import { getStaffById } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';

/**
 * Who can message a customer privately: the staff member of their first active follow (by add
 * time), or `preferStaffId` when the customer follows them. Null when the customer follows nobody.
 */
export async function messengerOf(
  ctx: Ctx,
  customerId: number,
  preferStaffId?: number | null,
): Promise<{ staffId: number; staffUserId: string; externalUserId: string; customerName: string } | null> {
  const customer = await getCustomer(ctx, customerId).catch((error: unknown) => {
    // A customer record that is gone cannot be messaged; that must not fail the event being applied.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!customer?.externalUserId || customer.deletedAt) return null;
  const active = customer.follows.filter((f) => f.deletedAt === null);
  const follow = active.find((f) => f.staffId === preferStaffId) ?? active[0];
  if (!follow) return null;
  const member = await getStaffById(ctx, follow.staffId);
  if (member?.status !== 'active') return null;
  return {
    staffId: member.id,
    staffUserId: member.wecomUserId,
    externalUserId: customer.externalUserId,
    customerName: customer.name,
  };
}

/** A link that opens the customer's H5 page as them (their signed token in `?t=`). */
export const withToken = (ctx: Ctx, url: string, customerId: number) =>
  `${url}?t=${encodeURIComponent(customerToken(ctx, ctx.actor.tenantId, customerId))}`;

/**
 * Sends a customer a private message through the outbox, from the staff member they follow.
 * Returns null (and sends nothing) when they follow nobody any more.
 */
export async function messageCustomer(
  ctx: Ctx,
  input: { customerId: number; idempotencyKey: string; content: TMessageContent; preferStaffId?: number | null },
): Promise<{ actionId: number; duplicate: boolean; staffId: number } | null> {
  const to = await messengerOf(ctx, input.customerId, input.preferStaffId);
  if (!to) {
    ctx.log.info({ customerId: input.customerId, key: input.idempotencyKey }, 'fission message skipped: no active follow');
    return null;
  }
  const { actionId, duplicate } = await enqueueAction(ctx, {
    idempotencyKey: input.idempotencyKey,
    kind: 'private_message',
    payload: {
      staffUserId: to.staffUserId,
      externalUserId: to.externalUserId,
      content: input.content,
      customerId: input.customerId,
      staffId: to.staffId,
    },
  });
  return { actionId, duplicate, staffId: to.staffId };
}

/** The progress text after a counted friend (zh-CN, as customers read it). */
export function progressText(input: {
  campaignName: string;
  friendName: string;
  count: number;
  goal: number;
  newlyReached: { tier: number; rewardName: string }[];
  next: { missing: number; rewardName: string } | null;
}): string {
  const lines = [
    `「${input.campaignName}」助力进度：好友 ${input.friendName} 已为你助力成功！`,
    `当前已邀请 ${input.count}/${input.goal} 位好友。`,
  ];
  for (const r of input.newlyReached) lines.push(`🎉 恭喜达成第 ${r.tier} 档，获得「${r.rewardName}」！`);
  lines.push(
    input.next ? `再邀请 ${input.next.missing} 位好友即可获得「${input.next.rewardName}」。` : '你已达成全部奖励档位，感谢参与！',
  );
  return lines.join('\n');
}
