import type { Ctx } from '../../context.ts';
import { requireCampaign, toCampaign } from './campaign-queries.ts';
import type { TCheckinCampaign } from './checkins.schemas.ts';

/** One campaign with its groups, link and today's numbers (every role may read campaigns). */
export async function getCheckinCampaign(ctx: Ctx, id: number): Promise<TCheckinCampaign> {
  return toCampaign(ctx, await requireCampaign(ctx, id));
}
