import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { checkIn } from './check-in.ts';
import { lastDayOf, matchesKeyword, type TKeywordMatch } from './checkin-rules.ts';
import { keywordReplyText } from './checkin-texts.ts';
import { checkinCampaignGroups, checkinCampaigns } from './checkins.tables.ts';

/**
 * A customer's message in a group (`group.message`, from session archive or the simulator): for
 * each active campaign running in that group whose keyword it matches (see `matchesKeyword`: the
 * whole message by default, or contained), a check-in for the day the message was said. A
 * redelivered message never gets here twice (messages are stored once per msgid), and the
 * check-in's unique day key absorbs any other repeat. With replies on, the group gets one answer
 * per message (idempotency key by message id). Runs in the inbox transaction.
 */
export async function applyCheckinKeyword(ctx: Ctx, event: TDomainEventOf<'group.message'>): Promise<number> {
  if (event.senderType !== 'customer' || event.customerId === null) return 0;
  const customerId = event.customerId;
  const t = ctx.actor.tenantId;
  const campaigns = await dbOf(ctx)
    .select({
      id: checkinCampaigns.id,
      name: checkinCampaigns.name,
      keywords: checkinCampaigns.keywords,
      keywordMatch: checkinCampaigns.keywordMatch,
      replyInGroup: checkinCampaigns.replyInGroup,
      replyText: checkinCampaigns.replyText,
      startDate: checkinCampaigns.startDate,
      days: checkinCampaigns.days,
    })
    .from(checkinCampaignGroups)
    .innerJoin(
      checkinCampaigns,
      and(
        eq(checkinCampaigns.tenantId, checkinCampaignGroups.tenantId),
        eq(checkinCampaigns.id, checkinCampaignGroups.campaignId),
      ),
    )
    .where(
      and(
        eq(checkinCampaignGroups.tenantId, t),
        eq(checkinCampaignGroups.groupId, event.groupId),
        eq(checkinCampaigns.status, 'active'),
      ),
    )
    .orderBy(checkinCampaigns.id);
  let counted = 0;
  for (const campaign of campaigns) {
    if (!matchesKeyword(event.content, campaign.keywords, campaign.keywordMatch as TKeywordMatch)) continue;
    const outcome = await checkIn(ctx, {
      campaignId: campaign.id,
      customerId,
      source: 'keyword',
      at: event.at,
      groupId: event.groupId,
      messageId: event.messageId,
    });
    if (outcome.ok && outcome.result.outcome === 'checked_in') counted++;
    if (!campaign.replyInGroup) continue;
    const group = await getGroupRef(ctx, event.groupId);
    if (group?.status !== 'active') continue;
    const name = (await getCustomerRef(ctx, customerId))?.name ?? '';
    const text = keywordReplyText(
      { ...campaign, endDate: lastDayOf(campaign.startDate, campaign.days) },
      name,
      outcome.ok ? { ok: true, result: outcome.result } : { ok: false, reason: outcome.reason },
    );
    if (!text) continue;
    await enqueueAction(ctx, {
      idempotencyKey: `checkin:${campaign.id}:reply:${event.messageId}`,
      kind: 'group_message',
      payload: { chatId: group.externalChatId, groupId: group.id, content: { text } },
    });
  }
  return counted;
}
