import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { grantReward } from '../rewards/grant-reward.ts';
import { loadCampaign, participantLink } from './campaign-views.ts';
import { fissionInvites, fissionParticipants, fissionTierGrants } from './fission.tables.ts';
import { inviteVerdict, nextTier, parseFissionState, tierGrantKey, tiersReached } from './fission-rules.ts';
import { messageCustomer, progressText, withToken } from './participant-messages.ts';

export type TFissionAddResult =
  | { status: 'ignored' }
  | {
      status: 'counted' | 'duplicate' | 'not_new' | 'self' | 'outside_window';
      inviteId: number;
      count?: number;
      granted?: number[];
    };

/**
 * A customer added a staff member through a participant's code (`customer.added` with a `fi…`
 * state). Records the invite; it counts when the friend is new to the brand, adds inside the
 * campaign's window, is not the participant, and has not counted in this campaign before (a
 * partial unique index claims each friend once per campaign, also under concurrent events). A
 * counted invite bumps the participant's count atomically, grants every tier reached (one grant
 * per tier ever, by idempotency key) and messages the participant their progress. Runs in the
 * add's transaction.
 */
export async function applyFissionAdd(ctx: Ctx, event: TDomainEventOf<'customer.added'>): Promise<TFissionAddResult> {
  const ids = parseFissionState(event.state);
  if (!ids) return { status: 'ignored' };
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const [participant] = await db
    .select()
    .from(fissionParticipants)
    .where(
      and(
        eq(fissionParticipants.tenantId, t),
        eq(fissionParticipants.id, ids.participantId),
        eq(fissionParticipants.campaignId, ids.campaignId),
      ),
    );
  if (!participant) {
    ctx.log.warn({ state: event.state }, 'fission add for an unknown participant ignored');
    return { status: 'ignored' };
  }
  const campaign = await loadCampaign(ctx, participant.campaignId);
  const verdict = inviteVerdict({
    friendCustomerId: event.customerId,
    participantCustomerId: participant.customerId,
    newCustomer: event.newCustomer,
    at: event.at,
    campaign,
  });
  const base = {
    tenantId: t,
    campaignId: campaign.id,
    participantId: participant.id,
    friendCustomerId: event.customerId,
    staffId: event.staffId,
    inboxEventId: event.inboxEventId,
    addedAt: event.at,
  };
  const record = async (status: Exclude<TFissionAddResult['status'], 'ignored' | 'counted'>) => {
    const [row] = await db
      .insert(fissionInvites)
      .values({ ...base, status })
      .onConflictDoNothing()
      .returning({ id: fissionInvites.id });
    return { status, inviteId: row?.id ?? 0 };
  };
  if (verdict !== 'counted') return record(verdict);

  // The claim: one counted invite per friend and campaign, decided by the partial unique index.
  const [claimed] = await db
    .insert(fissionInvites)
    .values({ ...base, status: 'counted', claimed: true })
    .onConflictDoNothing()
    .returning({ id: fissionInvites.id });
  if (!claimed) return record('duplicate');

  const [bumped] = await db
    .update(fissionParticipants)
    .set({ invitedCount: sql`${fissionParticipants.invitedCount} + 1`, lastCountedAt: event.at })
    .where(and(eq(fissionParticipants.tenantId, t), eq(fissionParticipants.id, participant.id)))
    .returning({ invitedCount: fissionParticipants.invitedCount });
  const count = bumped?.invitedCount ?? participant.invitedCount + 1;

  const newlyReached: { tier: number; rewardName: string }[] = [];
  for (const tier of tiersReached(campaign.tiers, count)) {
    const spec = campaign.tiers[tier - 1];
    if (!spec) continue;
    const grant = await grantReward(ctx, {
      idempotencyKey: tierGrantKey(campaign.id, participant.id, tier),
      customerId: participant.customerId,
      reward: spec.reward,
      source: 'fission',
      sourceId: campaign.id,
    });
    await db
      .insert(fissionTierGrants)
      .values({ tenantId: t, campaignId: campaign.id, participantId: participant.id, tier, grantId: grant.grantId })
      .onConflictDoNothing();
    if (grant.created) newlyReached.push({ tier, rewardName: spec.reward.name });
  }

  const next = nextTier(campaign.tiers, count);
  const names = await getCustomerNames(ctx, [event.customerId]);
  const link = await participantLink(ctx, campaign.id, participant.id);
  await messageCustomer(ctx, {
    customerId: participant.customerId,
    idempotencyKey: `fission:${campaign.id}:invite:${claimed.id}:progress`,
    content: {
      text: progressText({
        campaignName: campaign.name,
        friendName: names.get(event.customerId) ?? '新朋友',
        count,
        goal: campaign.goal,
        newlyReached,
        next: next ? { missing: next.missing, rewardName: campaign.tiers[next.tier - 1]?.reward.name ?? '' } : null,
      }),
      attachments: [
        {
          type: 'link',
          title: campaign.name.slice(0, 128),
          url: withToken(ctx, link.url, participant.customerId),
          description: '查看我的助力进度和专属海报',
        },
      ],
    },
  });
  return { status: 'counted', inviteId: claimed.id, count, granted: newlyReached.map((r) => r.tier) };
}
