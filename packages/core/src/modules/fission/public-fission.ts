import { and, desc, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getCustomer } from '../customers/get-customer.ts';
import type { TResolvedLink } from '../links/short-links.ts';
import { defaultPosterTemplateId } from '../posters/poster-defaults.ts';
import { renderPoster } from '../posters/render-poster.ts';
import { listCustomerRewards } from '../rewards/list-rewards.ts';
import { campaignLink, loadCampaign, participantLink, posterUrlOf, type TCampaignRow } from './campaign-views.ts';
import type { TPublicFission, TPublicFissionProgress } from './fission.schemas.ts';
import { fissionInvites, fissionParticipants, fissionPosterViews, fissionTierGrants } from './fission.tables.ts';
import { campaignPhase, localDay, maskName, nextTier, tiersReached } from './fission-rules.ts';
import { ensureParticipantWay, joinFissionCampaign, type TParticipantRow } from './join-fission-campaign.ts';

// Public (H5) operations. The route has resolved the slug to a `fission` link of ctx's tenant.

const linkNotFound = () => new AppError('NOT_FOUND', 'This campaign link does not exist. Ask for a new link in your chat.');

async function participantOf(
  ctx: Ctx,
  campaignId: number,
  where: { id?: number; customerId?: number },
): Promise<TParticipantRow | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(fissionParticipants)
    .where(
      and(
        eq(fissionParticipants.tenantId, ctx.actor.tenantId),
        eq(fissionParticipants.campaignId, campaignId),
        where.id !== undefined ? eq(fissionParticipants.id, where.id) : undefined,
        where.customerId !== undefined ? eq(fissionParticipants.customerId, where.customerId) : undefined,
      ),
    );
  return row ?? null;
}

/** A participant's progress as they see it on their page. */
export async function progressOf(
  ctx: Ctx,
  campaign: TCampaignRow,
  participant: TParticipantRow,
): Promise<TPublicFissionProgress> {
  const link = await participantLink(ctx, campaign.id, participant.id);
  const invites = await dbOf(ctx)
    .select()
    .from(fissionInvites)
    .where(and(eq(fissionInvites.tenantId, ctx.actor.tenantId), eq(fissionInvites.participantId, participant.id)))
    .orderBy(desc(fissionInvites.addedAt), desc(fissionInvites.id))
    .limit(50);
  const names = await getCustomerNames(
    ctx,
    invites.map((i) => i.friendCustomerId),
  );
  const tierGrants = await dbOf(ctx)
    .select({ tier: fissionTierGrants.tier, grantId: fissionTierGrants.grantId })
    .from(fissionTierGrants)
    .where(and(eq(fissionTierGrants.tenantId, ctx.actor.tenantId), eq(fissionTierGrants.participantId, participant.id)));
  const grants = new Map((await listCustomerRewards(ctx, participant.customerId)).map((g) => [g.id, g]));
  const tierRewards: TPublicFissionProgress['rewards'] = tierGrants
    .sort((a, b) => a.tier - b.tier)
    .flatMap((tg) => {
      const grant = grants.get(tg.grantId);
      return grant ? [{ tier: tg.tier, name: grant.name, status: grant.status }] : [];
    });
  return {
    participantId: participant.id,
    invitedCount: participant.invitedCount,
    url: link.url,
    posterUrl: posterUrlOf(ctx, link.slug),
    tiersReached: tiersReached(campaign.tiers, participant.invitedCount),
    next: nextTier(campaign.tiers, participant.invitedCount),
    friends: invites.map((i) => ({
      name: maskName(names.get(i.friendCustomerId) ?? ''),
      addedAt: i.addedAt.toISOString(),
      status: i.status as TPublicFissionProgress['friends'][number]['status'],
    })),
    rewards: tierRewards,
  };
}

/**
 * What the H5 page shows for a `fission` link: the campaign, whose personal link it is (a friend
 * opening it sees the inviter and their poster), the token's customer's own progress when they
 * take part, and the top inviters (names masked).
 */
export async function getPublicFission(ctx: Ctx, link: TResolvedLink, customerId: number | null): Promise<TPublicFission> {
  const campaign = await loadCampaign(ctx, link.refId).catch(() => {
    throw linkNotFound();
  });
  if (campaign.status === 'draft') throw linkNotFound();
  const shared = await campaignLink(ctx, campaign.id);
  let inviter: TPublicFission['inviter'] = null;
  if (link.subjectId) {
    const owner = await participantOf(ctx, campaign.id, { id: link.subjectId });
    if (!owner) throw linkNotFound();
    const ownerLink = await participantLink(ctx, campaign.id, owner.id);
    const names = await getCustomerNames(ctx, [owner.customerId]);
    inviter = { name: maskName(names.get(owner.customerId) ?? ''), posterUrl: posterUrlOf(ctx, ownerLink.slug) };
  }
  const mine = customerId === null ? null : await participantOf(ctx, campaign.id, { customerId });
  const top = await dbOf(ctx)
    .select({ customerId: fissionParticipants.customerId, invitedCount: fissionParticipants.invitedCount })
    .from(fissionParticipants)
    .where(
      and(
        eq(fissionParticipants.tenantId, ctx.actor.tenantId),
        eq(fissionParticipants.campaignId, campaign.id),
        sql`${fissionParticipants.invitedCount} > 0`,
      ),
    )
    .orderBy(
      desc(fissionParticipants.invitedCount),
      sql`${fissionParticipants.lastCountedAt} asc nulls last`,
      fissionParticipants.id,
    )
    .limit(10);
  const topNames = await getCustomerNames(
    ctx,
    top.map((r) => r.customerId),
  );
  return {
    campaign: {
      name: campaign.name,
      description: campaign.description,
      rules: campaign.rules,
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt.toISOString(),
      phase: campaignPhase(campaign, ctx.now()),
      goal: campaign.goal,
      tiers: campaign.tiers.map((t, i) => ({ tier: i + 1, invites: t.invites, reward: t.reward })),
      deleteWindowHours: campaign.deleteWindowHours,
      url: shared.url,
    },
    inviter,
    me: mine ? await progressOf(ctx, campaign, mine) : null,
    leaderboard: top.map((r, i) => ({
      rank: i + 1,
      name: maskName(topNames.get(r.customerId) ?? ''),
      invitedCount: r.invitedCount,
    })),
  };
}

/**
 * The token's customer joins the campaign of a `fission` link (shared or someone's personal one)
 * and gets their personal code, link and poster. Joining twice returns the same participant.
 */
export async function joinFissionByLink(ctx: Ctx, link: TResolvedLink, customerId: number): Promise<TPublicFissionProgress> {
  const campaign = await loadCampaign(ctx, link.refId).catch(() => {
    throw linkNotFound();
  });
  const { participant } = await joinFissionCampaign(ctx, { campaignId: campaign.id, customerId, via: 'h5' });
  const ready = await ensureParticipantWay(ctx, participant.id);
  return progressOf(ctx, campaign, ready);
}

/**
 * The personal poster of the participant whose link this is: the campaign's template with their
 * name and avatar and the QR of their contact way (made now if it is not there yet). Each fetch
 * is counted per participant and day (the funnel's "posters shared").
 */
export async function participantPoster(ctx: Ctx, link: TResolvedLink): Promise<{ png: Buffer; etag: string }> {
  if (!link.subjectId)
    throw new AppError('NOT_FOUND', 'This is the campaign link, not a personal one; join to get your own poster.');
  const campaign = await loadCampaign(ctx, link.refId).catch(() => {
    throw linkNotFound();
  });
  const found = await participantOf(ctx, campaign.id, { id: link.subjectId });
  if (!found) throw linkNotFound();
  const participant = found.wayConfigId ? found : await ensureParticipantWay(ctx, found.id);
  if (!participant.wayQrCode) throw new AppError('CONFLICT', 'The personal code is not ready yet; try again in a moment.');
  const customer = await getCustomer(ctx, participant.customerId);
  const templateId = campaign.posterTemplateId ?? (await defaultPosterTemplateId(ctx, 'fission'));
  const first = campaign.tiers[0];
  const poster = await renderPoster(ctx, {
    templateId,
    qrText: participant.wayQrCode,
    title: campaign.name,
    subtitle: first ? `扫码添加，助我领取「${first.reward.name}」` : '扫码添加，为我助力',
    name: customer.name,
    avatarUrl: customer.avatar,
  });
  await dbOf(ctx)
    .insert(fissionPosterViews)
    .values({ tenantId: ctx.actor.tenantId, campaignId: campaign.id, participantId: participant.id, day: localDay(ctx.now()) })
    .onConflictDoUpdate({
      target: [fissionPosterViews.tenantId, fissionPosterViews.participantId, fissionPosterViews.day],
      set: { views: sql`${fissionPosterViews.views} + 1` },
    });
  return poster;
}
