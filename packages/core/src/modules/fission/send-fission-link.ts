import { type Ctx, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { campaignLink, loadCampaign, participantLink, posterUrlOf } from './campaign-views.ts';
import { campaignPhase, localDay } from './fission-rules.ts';
import { loadParticipant } from './join-fission-campaign.ts';
import { messageCustomer, withToken } from './participant-messages.ts';

/**
 * Sends a participant their personal link and poster (after joining by keyword), from
 * `staffId` when they follow them, else from their first active follow. Once per `key`.
 */
export async function sendParticipantLink(ctx: Ctx, input: { participantId: number; staffId: number | null; key: string }) {
  const participant = await loadParticipant(ctx, input.participantId);
  const campaign = await loadCampaign(ctx, participant.campaignId);
  const link = await participantLink(ctx, campaign.id, participant.id);
  return messageCustomer(ctx, {
    customerId: participant.customerId,
    idempotencyKey: input.key,
    preferStaffId: input.staffId,
    content: {
      text: `你已成功参与「${campaign.name}」！长按保存下方专属海报分享给好友，好友扫码添加后即为你助力，邀请 ${campaign.goal} 位好友即可完成任务。`,
      attachments: [
        { type: 'image', url: posterUrlOf(ctx, link.slug) },
        {
          type: 'link',
          title: campaign.name.slice(0, 128),
          url: withToken(ctx, link.url, participant.customerId),
          description: '查看我的助力进度',
        },
      ],
    },
  });
}

/**
 * A guide (or an operator) sends a customer the campaign's link, signed for that customer so the
 * page can let them join. From the guide themself when the customer follows them, else from the
 * customer's first active follow; at most once per customer and day (a double click sends once).
 */
export async function sendFissionLink(
  ctx: Ctx,
  campaignId: number,
  input: { customerId: number },
): Promise<{ actionId: number; duplicate: boolean; staffId: number }> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager', 'guide'], 'send campaign links');
  await assertCustomerVisible(ctx, input.customerId);
  return inTransaction(ctx, async (tctx) => {
    const campaign = await loadCampaign(tctx, campaignId);
    const phase = campaignPhase(campaign, tctx.now());
    if (phase === 'draft' || phase === 'ended') {
      throw new AppError(
        'CONFLICT',
        `This campaign is ${phase === 'draft' ? 'not started' : 'over'}; start it before sending its link.`,
      );
    }
    const link = await campaignLink(tctx, campaign.id);
    const sent = await messageCustomer(tctx, {
      customerId: input.customerId,
      idempotencyKey: `fission:${campaign.id}:link:${input.customerId}:${localDay(tctx.now())}`,
      preferStaffId: tctx.actor.staffId,
      content: {
        text: `「${campaign.name}」邀请好友助力领奖励，点击链接参与，生成你的专属海报 👇`,
        attachments: [
          {
            type: 'link',
            title: campaign.name.slice(0, 128),
            url: withToken(tctx, link.url, input.customerId),
            description: campaign.tiers[0]
              ? `邀请 ${campaign.tiers[0].invites} 位好友即得「${campaign.tiers[0].reward.name}」`
              : '参与活动领奖励',
          },
        ],
      },
    });
    if (!sent)
      throw new AppError('CONFLICT', 'This customer is no longer a friend of any staff member, so no message can reach them.');
    return sent;
  });
}
