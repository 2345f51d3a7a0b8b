import type { TMessageContent } from '@pond/channels';
import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { renderTemplate, type TWelcomeInput } from '../customers/welcome-message.ts';
import { campaignLink } from './campaign-views.ts';
import { fissionCampaigns, fissionParticipants } from './fission.tables.ts';
import { campaignPhase, parseFissionState } from './fission-rules.ts';
import { withToken } from './participant-messages.ts';

const WELCOME =
  '你好 {customer_name}，我是 {staff_name}，很高兴认识你！你的好友 {inviter} 正在参加「{campaign}」，邀请好友添加也能领取奖励，点击下方链接参与 👇';

/**
 * The welcome for a friend who added through a participant's code (`fi…` state): who invited
 * them, and a link to join the campaign themselves — the loop that makes fission spread. Other
 * states, unknown participants and campaigns not running are left to the next resolver.
 */
export async function fissionWelcome(ctx: Ctx, input: TWelcomeInput): Promise<TMessageContent | undefined> {
  const ids = parseFissionState(input.state);
  if (!ids) return undefined;
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const [row] = await db
    .select({ participant: fissionParticipants, campaign: fissionCampaigns })
    .from(fissionParticipants)
    .innerJoin(
      fissionCampaigns,
      and(eq(fissionCampaigns.tenantId, fissionParticipants.tenantId), eq(fissionCampaigns.id, fissionParticipants.campaignId)),
    )
    .where(
      and(
        eq(fissionParticipants.tenantId, t),
        eq(fissionParticipants.id, ids.participantId),
        eq(fissionParticipants.campaignId, ids.campaignId),
      ),
    );
  if (!row || campaignPhase(row.campaign, input.at) !== 'running') return undefined;
  const inviter = (await getCustomerNames(ctx, [row.participant.customerId])).get(row.participant.customerId) ?? '';
  const link = await campaignLink(ctx, row.campaign.id);
  const first = row.campaign.tiers[0];
  return {
    text: renderTemplate(WELCOME, {
      customer_name: input.customerName,
      staff_name: input.staffName,
      inviter,
      campaign: row.campaign.name,
    }),
    attachments: [
      {
        type: 'link',
        title: row.campaign.name.slice(0, 128),
        url: withToken(ctx, link.url, input.customerId),
        description: first ? `邀请 ${first.invites} 位好友即得「${first.reward.name}」` : '参与活动领奖励',
      },
    ],
  };
}
