import { and, asc, count, desc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { requireCampaign, todayOf } from './campaign-queries.ts';
import type { TCheckinParticipant, TListCheckinParticipantsQuery } from './checkins.schemas.ts';
import { checkinParticipants } from './checkins.tables.ts';
import { currentStreakSql } from './streak-sql.ts';

/**
 * The participants of a campaign in the caller's scope, as a ranking: by current streak (then
 * longest, total, earliest joined), by total days, or newest first. `rank` is the position in it.
 */
export async function listCheckinParticipants(
  ctx: Ctx,
  campaignId: number,
  query: TListCheckinParticipantsQuery,
): Promise<TPage<TCheckinParticipant>> {
  const campaign = await requireCampaign(ctx, campaignId);
  const current = currentStreakSql(campaign, todayOf(ctx, campaign).index);
  const where = and(
    eq(checkinParticipants.tenantId, ctx.actor.tenantId),
    eq(checkinParticipants.campaignId, campaignId),
    await customerScopeCondition(ctx, checkinParticipants.customerId),
  );
  const p = checkinParticipants;
  const order =
    query.sort === 'streak'
      ? [desc(current), desc(p.longestStreak), desc(p.totalDays), asc(p.joinedAt), asc(p.id)]
      : query.sort === 'total'
        ? [desc(p.totalDays), desc(current), asc(p.joinedAt), asc(p.id)]
        : [desc(p.joinedAt), desc(p.id)];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select({ row: p, current })
      .from(p)
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db.select({ n: count() }).from(p).where(where),
  ]);
  const names = await getCustomerNames(
    ctx,
    rows.map((r) => r.row.customerId),
  );
  return {
    items: rows.map(({ row, current: streak }, i) => ({
      id: row.id,
      rank: pageOffset(query) + i + 1,
      customerId: row.customerId,
      customerName: names.get(row.customerId) ?? null,
      source: row.source as TCheckinParticipant['source'],
      joinedAt: row.joinedAt.toISOString(),
      currentStreak: Number(streak),
      longestStreak: row.longestStreak,
      totalDays: row.totalDays,
      makeupsUsed: row.makeupsUsed,
      milestonesReached: row.milestonesReached,
      lastFilledDay: row.lastFilledDay,
      lastCheckinAt: row.lastCheckinAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
