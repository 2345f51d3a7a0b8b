import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireCampaign, toCampaign } from './campaign-queries.ts';
import type { TCheckinCampaign } from './checkins.schemas.ts';
import { checkinCampaigns } from './checkins.tables.ts';

/**
 * Ends an active campaign now: no more check-ins, make-ups or reminders; results and rewards stay.
 * (Active campaigns past their last day are ended by the sweep.)
 */
export async function endCheckinCampaign(ctx: Ctx, id: number): Promise<TCheckinCampaign> {
  assertRole(ctx.actor, TENANT_WIDE, 'end check-in campaigns');
  await inTransaction(ctx, async (tctx) => {
    const row = await requireCampaign(tctx, id, { forUpdate: true });
    if (row.status !== 'active')
      throw new AppError('CONFLICT', `The campaign is ${row.status}; only an active campaign can be ended.`);
    await dbOf(tctx)
      .update(checkinCampaigns)
      .set({ status: 'ended', endedAt: tctx.now(), updatedAt: tctx.now() })
      .where(
        and(
          eq(checkinCampaigns.tenantId, tctx.actor.tenantId),
          eq(checkinCampaigns.id, id),
          eq(checkinCampaigns.status, 'active'),
        ),
      );
    await recordAudit(tctx, { action: 'checkin.end', targetType: 'checkin_campaign', targetId: id, details: { name: row.name } });
  });
  return toCampaign(ctx, await requireCampaign(ctx, id));
}
