import type { Ctx } from '../../context.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { isGroupMember } from '../groups/group-refs.ts';
import type { TCampaignRow } from './campaign-queries.ts';
import { campaignGroupIds } from './campaign-queries.ts';

/**
 * Whether a customer may join or check in from the H5 page: anyone when the campaign is open to all,
 * otherwise members (now) of one of its groups. Keyword check-ins need no check: the message was
 * said in one of the groups.
 */
export async function isEligible(ctx: Ctx, campaign: TCampaignRow, customerId: number): Promise<boolean> {
  if (campaign.openToAll) return true;
  const customer = await getCustomerRef(ctx, customerId);
  if (!customer?.externalUserId || customer.deleted) return false;
  for (const groupId of await campaignGroupIds(ctx, campaign.id)) {
    if (await isGroupMember(ctx, groupId, customer.externalUserId)) return true;
  }
  return false;
}
