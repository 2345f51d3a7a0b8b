import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireCampaign } from './campaign-queries.ts';
import { checkinCampaignGroups, checkinCampaigns } from './checkins.tables.ts';

/** Deletes a draft (never started, so nobody took part). Started campaigns are ended instead. */
export async function deleteCheckinCampaign(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete check-in campaigns');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const row = await requireCampaign(tctx, id, { forUpdate: true });
    if (row.status !== 'draft') {
      throw new AppError(
        'CONFLICT',
        `The campaign is ${row.status}; only drafts can be deleted. End it instead to keep its results.`,
      );
    }
    const t = tctx.actor.tenantId;
    await db
      .delete(checkinCampaignGroups)
      .where(and(eq(checkinCampaignGroups.tenantId, t), eq(checkinCampaignGroups.campaignId, id)));
    await db.delete(checkinCampaigns).where(and(eq(checkinCampaigns.tenantId, t), eq(checkinCampaigns.id, id)));
    await recordAudit(tctx, {
      action: 'checkin.delete',
      targetType: 'checkin_campaign',
      targetId: id,
      details: { name: row.name },
    });
  });
}
