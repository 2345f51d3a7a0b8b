import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { checkCampaignConfig } from './campaign-config.ts';
import { requireCampaign, toCampaign } from './campaign-queries.ts';
import { type TCheckinCampaign, type TCreateCheckinCampaign, ZCreateCheckinCampaign } from './checkins.schemas.ts';
import { checkinCampaignGroups, checkinCampaigns } from './checkins.tables.ts';

/**
 * Creates a check-in campaign as a draft, with its short link (`/c/<slug>`). Operators only.
 * @example
 * const c = await createCheckinCampaign(ctx, { name: '21 天打卡', startDate: '2026-03-01', groupIds: [3], keywords: ['打卡'] });
 */
export async function createCheckinCampaign(ctx: Ctx, raw: TCreateCheckinCampaign): Promise<TCheckinCampaign> {
  assertRole(ctx.actor, TENANT_WIDE, 'create check-in campaigns');
  const parsed = ZCreateCheckinCampaign.parse(raw);
  const config = await checkCampaignConfig(ctx, { ...parsed, posterTemplateId: parsed.posterTemplateId ?? null });
  const id = await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const { groupIds, ...fields } = config;
    const [row] = await db
      .insert(checkinCampaigns)
      .values({ tenantId: tctx.actor.tenantId, ...fields, status: 'draft', createdBy: tctx.actor.name })
      .returning({ id: checkinCampaigns.id });
    if (!row) throw new Error('Check-in campaign was not created.');
    if (groupIds.length) {
      await db
        .insert(checkinCampaignGroups)
        .values(groupIds.map((groupId) => ({ tenantId: tctx.actor.tenantId, campaignId: row.id, groupId })));
    }
    await ensureShortLink(tctx, { kind: 'checkin', refId: row.id });
    await recordAudit(tctx, {
      action: 'checkin.create',
      targetType: 'checkin_campaign',
      targetId: row.id,
      details: { name: fields.name },
    });
    return row.id;
  });
  return toCampaign(ctx, await requireCampaign(ctx, id));
}
