import type { Ctx } from '../../context.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { defaultPosterTemplateId } from '../posters/poster-defaults.ts';
import { renderPoster } from '../posters/render-poster.ts';
import { requireCampaign, todayOf } from './campaign-queries.ts';
import { findParticipant, participantDays, streakOf } from './participant-state.ts';

/**
 * The campaign's share poster (PNG): its template (or the built-in one), the campaign name, and
 * the QR of the campaign link. For a participant it carries their name and streak — "我已连续打卡
 * 7 天" — so sharing it in Moments invites friends to join.
 */
export async function renderCheckinPoster(
  ctx: Ctx,
  campaignId: number,
  customerId: number | null,
): Promise<{ png: Buffer; etag: string }> {
  const campaign = await requireCampaign(ctx, campaignId);
  const link = await ensureShortLink(ctx, { kind: 'checkin', refId: campaign.id });
  let name: string | null = null;
  let subtitle = `${campaign.days} 天打卡挑战，扫码一起参加`;
  if (customerId !== null) {
    const customer = await getCustomerRef(ctx, customerId);
    const participant = customer ? await findParticipant(ctx, campaign.id, customerId) : null;
    if (customer && participant) {
      name = customer.name;
      const state = streakOf(campaign, await participantDays(ctx, campaign, customerId), todayOf(ctx, campaign).index);
      subtitle = state.current > 0 ? `我已连续打卡 ${state.current} 天，扫码一起来` : `我已打卡 ${state.total} 天，扫码一起来`;
    }
  }
  // The campaign's template, else the tenant's default for check-ins, else the built-in one.
  const templateId = campaign.posterTemplateId ?? (await defaultPosterTemplateId(ctx, 'checkin'));
  return renderPoster(ctx, { templateId, qrText: link.url, title: campaign.name, subtitle, name });
}
