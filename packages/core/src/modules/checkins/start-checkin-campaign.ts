import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireCampaign, toCampaign, todayOf } from './campaign-queries.ts';
import type { TCheckinCampaign } from './checkins.schemas.ts';
import { checkinCampaigns } from './checkins.tables.ts';

/**
 * Activates a draft: customers may join at once and check in from its start date. A campaign whose
 * days are already over cannot start.
 */
export async function startCheckinCampaign(ctx: Ctx, id: number): Promise<TCheckinCampaign> {
  assertRole(ctx.actor, TENANT_WIDE, 'start check-in campaigns');
  await inTransaction(ctx, async (tctx) => {
    const row = await requireCampaign(tctx, id, { forUpdate: true });
    if (row.status !== 'draft') throw new AppError('CONFLICT', `The campaign is ${row.status}; only a draft can be started.`);
    if (todayOf(tctx, row).index >= row.days) {
      throw new AppError(
        'VALIDATION',
        'startDate: the campaign’s days are already over. Move the start date and start it again.',
      );
    }
    await dbOf(tctx)
      .update(checkinCampaigns)
      .set({ status: 'active', startedAt: tctx.now(), updatedAt: tctx.now() })
      .where(
        and(
          eq(checkinCampaigns.tenantId, tctx.actor.tenantId),
          eq(checkinCampaigns.id, id),
          eq(checkinCampaigns.status, 'draft'),
        ),
      );
    await recordAudit(tctx, {
      action: 'checkin.start',
      targetType: 'checkin_campaign',
      targetId: id,
      details: { name: row.name },
    });
  });
  return toCampaign(ctx, await requireCampaign(ctx, id));
}
