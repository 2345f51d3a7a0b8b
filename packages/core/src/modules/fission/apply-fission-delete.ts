import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { flagReward } from '../rewards/review-reward.ts';
import { loadCampaign, type TCampaignRow } from './campaign-views.ts';
import { fissionInvites, fissionParticipants, fissionTierGrants } from './fission.tables.ts';
import { grantsToFlag, isWithinDeleteWindow } from './fission-rules.ts';

/**
 * A friend's relation with the staff member they added through a participant's code ended (they
 * deleted the staff member, or the staff member deleted them). Inside the campaign's delete window
 * the counted invite is revoked and the participant's count drops by one (a conditional update, so
 * a replayed deletion changes nothing); every granted tier now above the count is flagged for
 * review — never clawed back silently. Runs in the deletion's transaction.
 */
export async function applyFissionDelete(
  ctx: Ctx,
  input: { customerId: number; staffId: number; at: Date; by: 'customer' | 'staff' },
): Promise<{ revoked: number[]; flagged: number[] }> {
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const invites = await db
    .select()
    .from(fissionInvites)
    .where(
      and(
        eq(fissionInvites.tenantId, t),
        eq(fissionInvites.friendCustomerId, input.customerId),
        eq(fissionInvites.staffId, input.staffId),
        eq(fissionInvites.status, 'counted'),
      ),
    );
  const revoked: number[] = [];
  const flagged: number[] = [];
  const campaigns = new Map<number, TCampaignRow>();
  for (const invite of invites) {
    const campaign = campaigns.get(invite.campaignId) ?? (await loadCampaign(ctx, invite.campaignId));
    campaigns.set(campaign.id, campaign);
    if (!isWithinDeleteWindow(invite.addedAt, input.at, campaign.deleteWindowHours)) continue;
    const [done] = await db
      .update(fissionInvites)
      .set({ status: 'revoked', revokedAt: input.at, revokedBy: input.by })
      .where(and(eq(fissionInvites.tenantId, t), eq(fissionInvites.id, invite.id), eq(fissionInvites.status, 'counted')))
      .returning({ id: fissionInvites.id });
    if (!done) continue;
    revoked.push(invite.id);
    const [participant] = await db
      .update(fissionParticipants)
      .set({ invitedCount: sql`${fissionParticipants.invitedCount} - 1` })
      .where(and(eq(fissionParticipants.tenantId, t), eq(fissionParticipants.id, invite.participantId)))
      .returning({ invitedCount: fissionParticipants.invitedCount, customerId: fissionParticipants.customerId });
    if (!participant) continue;
    const grants = await db
      .select()
      .from(fissionTierGrants)
      .where(and(eq(fissionTierGrants.tenantId, t), eq(fissionTierGrants.participantId, invite.participantId)));
    const toFlag = grantsToFlag(
      campaign.tiers,
      grants.map((g) => ({ tier: g.tier, flagged: g.flaggedAt !== null })),
      participant.invitedCount,
    );
    if (toFlag.length === 0) continue;
    const names = await getCustomerNames(ctx, [input.customerId]);
    for (const tier of toFlag) {
      const grant = grants.find((g) => g.tier === tier);
      if (!grant) continue;
      const threshold = campaign.tiers[tier - 1]?.invites ?? 0;
      const reason = `Fission "${campaign.name}": friend ${names.get(input.customerId) ?? input.customerId} was deleted (by the ${input.by}) within ${campaign.deleteWindowHours} h; now ${participant.invitedCount} of ${threshold} invites for tier ${tier}.`;
      if (await flagReward(ctx, grant.grantId, reason)) {
        await db
          .update(fissionTierGrants)
          .set({ flaggedAt: input.at })
          .where(and(eq(fissionTierGrants.tenantId, t), eq(fissionTierGrants.id, grant.id), isNull(fissionTierGrants.flaggedAt)));
        flagged.push(grant.grantId);
      }
    }
  }
  return { revoked, flagged };
}
