import { and, asc, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { getStaffNames } from '../org/lookups.ts';
import { loadCampaign, participantLink, posterUrlOf } from './campaign-views.ts';
import type { TFissionInvite, TFissionParticipant, TLeaderboardEntry, TListParticipantsQuery } from './fission.schemas.ts';
import { fissionInvites, fissionParticipants, fissionTierGrants } from './fission.tables.ts';
import { tiersReached } from './fission-rules.ts';
import { loadParticipant } from './join-fission-campaign.ts';

/**
 * The participants of a campaign in the actor's customer scope (guides: their own customers), by
 * standing invites (ties: who got there first) or by join time. `q` matches a customer id.
 */
export async function listFissionParticipants(
  ctx: Ctx,
  campaignId: number,
  query: TListParticipantsQuery,
): Promise<TPage<TFissionParticipant>> {
  const campaign = await loadCampaign(ctx, campaignId);
  const t = ctx.actor.tenantId;
  const where: (SQL | undefined)[] = [
    eq(fissionParticipants.tenantId, t),
    eq(fissionParticipants.campaignId, campaign.id),
    await customerScopeCondition(ctx, fissionParticipants.customerId),
  ];
  if (query.q) {
    const asId = /^\d{1,15}$/.test(query.q) ? Number(query.q) : -1;
    where.push(eq(fissionParticipants.customerId, asId));
  }
  const order =
    query.sort === 'joined'
      ? [desc(fissionParticipants.id)]
      : [
          desc(fissionParticipants.invitedCount),
          sql`${fissionParticipants.lastCountedAt} asc nulls last`,
          asc(fissionParticipants.id),
        ];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(fissionParticipants)
      .where(and(...where))
      .orderBy(...order)
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(fissionParticipants)
      .where(and(...where)),
  ]);
  const ids = rows.map((r) => r.id);
  const grants = ids.length
    ? await db
        .select({
          participantId: fissionTierGrants.participantId,
          n: count(),
          flagged: sql<number>`count(${fissionTierGrants.flaggedAt})::int`,
        })
        .from(fissionTierGrants)
        .where(and(eq(fissionTierGrants.tenantId, t), inArray(fissionTierGrants.participantId, ids)))
        .groupBy(fissionTierGrants.participantId)
    : [];
  const grantsOf = new Map(grants.map((g) => [g.participantId, g]));
  const names = await getCustomerNames(
    ctx,
    rows.map((r) => r.customerId),
  );
  const items: TFissionParticipant[] = [];
  for (const r of rows) {
    const link = await participantLink(ctx, campaign.id, r.id);
    items.push({
      id: r.id,
      campaignId: r.campaignId,
      customerId: r.customerId,
      customerName: names.get(r.customerId) ?? '',
      joinedVia: r.joinedVia as TFissionParticipant['joinedVia'],
      invitedCount: r.invitedCount,
      tiersReached: tiersReached(campaign.tiers, r.invitedCount).length,
      rewardsGranted: grantsOf.get(r.id)?.n ?? 0,
      rewardsFlagged: Number(grantsOf.get(r.id)?.flagged ?? 0),
      url: link.url,
      posterUrl: r.wayConfigId ? posterUrlOf(ctx, link.slug) : null,
      wayConfigId: r.wayConfigId,
      lastCountedAt: r.lastCountedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    });
  }
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** The top inviters of a campaign (standing invites, ties to whoever got there first), in the actor's scope. */
export async function getFissionLeaderboard(
  ctx: Ctx,
  campaignId: number,
  limit: number,
): Promise<{ items: TLeaderboardEntry[] }> {
  const campaign = await loadCampaign(ctx, campaignId);
  const rows = await dbOf(ctx)
    .select()
    .from(fissionParticipants)
    .where(
      and(
        eq(fissionParticipants.tenantId, ctx.actor.tenantId),
        eq(fissionParticipants.campaignId, campaign.id),
        sql`${fissionParticipants.invitedCount} > 0`,
        isNotNull(fissionParticipants.lastCountedAt),
        await customerScopeCondition(ctx, fissionParticipants.customerId),
      ),
    )
    .orderBy(desc(fissionParticipants.invitedCount), asc(fissionParticipants.lastCountedAt), asc(fissionParticipants.id))
    .limit(limit);
  const names = await getCustomerNames(
    ctx,
    rows.map((r) => r.customerId),
  );
  return {
    items: rows.map((r, i) => ({
      rank: i + 1,
      participantId: r.id,
      customerId: r.customerId,
      customerName: names.get(r.customerId) ?? '',
      invitedCount: r.invitedCount,
      lastCountedAt: r.lastCountedAt?.toISOString() ?? null,
    })),
  };
}

/** Every add through one participant's code, newest first, counted or not (with the reason). */
export async function listParticipantInvites(ctx: Ctx, participantId: number, query: TPageQuery): Promise<TPage<TFissionInvite>> {
  const participant = await loadParticipant(ctx, participantId);
  // Out of the actor's scope looks like missing.
  const scope = await customerScopeCondition(ctx, fissionParticipants.customerId);
  if (scope) {
    const [visible] = await dbOf(ctx)
      .select({ id: fissionParticipants.id })
      .from(fissionParticipants)
      .where(and(eq(fissionParticipants.tenantId, ctx.actor.tenantId), eq(fissionParticipants.id, participant.id), scope));
    if (!visible) throw notFound('Participant', participantId);
  }
  const where = and(eq(fissionInvites.tenantId, ctx.actor.tenantId), eq(fissionInvites.participantId, participant.id));
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(fissionInvites)
      .where(where)
      .orderBy(desc(fissionInvites.addedAt), desc(fissionInvites.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db.select({ n: count() }).from(fissionInvites).where(where),
  ]);
  const [names, staffNames] = await Promise.all([
    getCustomerNames(
      ctx,
      rows.map((r) => r.friendCustomerId),
    ),
    getStaffNames(
      ctx,
      rows.map((r) => r.staffId),
    ),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      campaignId: r.campaignId,
      participantId: r.participantId,
      friendCustomerId: r.friendCustomerId,
      friendName: names.get(r.friendCustomerId) ?? '',
      staffId: r.staffId,
      staffName: staffNames.get(r.staffId) ?? '',
      status: r.status as TFissionInvite['status'],
      addedAt: r.addedAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokedBy: r.revokedBy,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
