import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { campaignLink, toCampaignViews } from './campaign-views.ts';
import type { TCreateFissionCampaignRequest, TFissionCampaign } from './fission.schemas.ts';
import { fissionCampaigns } from './fission.tables.ts';
import { requirePoolStaff, requirePosterTemplate } from './staff-pool.ts';

/** Creates a campaign as a draft (validated by the request schema), with its shared link. Operators and admins. */
export async function createFissionCampaign(ctx: Ctx, input: TCreateFissionCampaignRequest): Promise<TFissionCampaign> {
  assertRole(ctx.actor, ['admin', 'operator'], 'create fission campaigns');
  await requirePoolStaff(ctx, input.staffIds);
  await requirePosterTemplate(ctx, input.posterTemplateId);
  return inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(fissionCampaigns)
      .values({
        tenantId: tctx.actor.tenantId,
        name: input.name,
        description: input.description,
        rules: input.rules,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        goal: input.goal,
        tiers: input.tiers,
        staffIds: input.staffIds,
        posterTemplateId: input.posterTemplateId ?? null,
        keyword: input.keyword ?? null,
        deleteWindowHours: input.deleteWindowHours,
      })
      .returning();
    if (!row) throw new Error('Fission campaign was not written.');
    await campaignLink(tctx, row.id);
    await recordAudit(tctx, {
      action: 'fission.create',
      targetType: 'fission_campaign',
      targetId: row.id,
      details: { name: row.name },
    });
    const [view] = await toCampaignViews(tctx, [row]);
    if (!view) throw new Error('Fission campaign view missing.');
    return view;
  });
}
