import { and, count, countDistinct, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Ctx, dbOf } from '../../context.ts';
import { loadCampaign } from './campaign-views.ts';
import type { TFissionDay, TFissionStats } from './fission.schemas.ts';
import { fissionInvites, fissionParticipants, fissionPosterViews, fissionTierGrants } from './fission.tables.ts';
import { localDay } from './fission-rules.ts';

const MAX_DAYS = 400;

/** Every day from `from` to `to` (YYYY-MM-DD, inclusive), at most MAX_DAYS. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end && out.length < MAX_DAYS) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/**
 * A campaign's funnel — participants → posters shared (participants whose poster was fetched at
 * least once) → friends added (every add through their codes) → counted (standing) → rewards
 * granted — and the same per day in `timeZone`, over the campaign's window up to today.
 */
export async function getFissionStats(ctx: Ctx, campaignId: number, timeZone = 'Asia/Shanghai'): Promise<TFissionStats> {
  const campaign = await loadCampaign(ctx, campaignId);
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const ofCampaign = <T extends { tenantId: AnyPgColumn; campaignId: AnyPgColumn }>(table: T) =>
    and(eq(table.tenantId, t), eq(table.campaignId, campaign.id));
  const dayOf = (col: AnyPgColumn) => sql<string>`to_char(${col} at time zone ${timeZone}, 'YYYY-MM-DD')`;

  const [[p], [views], inviteRows, [grants]] = await Promise.all([
    db
      .select({
        n: count(),
        completed: sql<number>`count(*) filter (where ${fissionParticipants.invitedCount} >= ${campaign.goal})::int`,
      })
      .from(fissionParticipants)
      .where(ofCampaign(fissionParticipants)),
    db
      .select({ n: countDistinct(fissionPosterViews.participantId) })
      .from(fissionPosterViews)
      .where(ofCampaign(fissionPosterViews)),
    db
      .select({ status: fissionInvites.status, n: count() })
      .from(fissionInvites)
      .where(ofCampaign(fissionInvites))
      .groupBy(fissionInvites.status),
    db
      .select({ n: count(), flagged: sql<number>`count(${fissionTierGrants.flaggedAt})::int` })
      .from(fissionTierGrants)
      .where(ofCampaign(fissionTierGrants)),
  ]);
  const by = new Map(inviteRows.map((r) => [r.status, r.n]));
  const status = (s: string) => by.get(s) ?? 0;

  const perDay = async (table: PgTable, day: SQL<string>, where: SQL | undefined, distinct?: AnyPgColumn) => {
    const rows = await db
      .select({ day, n: distinct ? countDistinct(distinct) : count() })
      .from(table)
      .where(where)
      // By position: the day expression's time-zone parameter would not match a repeated one.
      .groupBy(sql`1`);
    return new Map(rows.map((r) => [r.day, r.n]));
  };
  const [joined, shared, added, counted, revoked, granted] = await Promise.all([
    perDay(fissionParticipants, dayOf(fissionParticipants.createdAt), ofCampaign(fissionParticipants)),
    // Poster views are bucketed by their own day column (Asia/Shanghai), one row per participant and day.
    perDay(
      fissionPosterViews,
      sql<string>`${fissionPosterViews.day}::text`,
      ofCampaign(fissionPosterViews),
      fissionPosterViews.participantId,
    ),
    perDay(fissionInvites, dayOf(fissionInvites.addedAt), ofCampaign(fissionInvites)),
    perDay(fissionInvites, dayOf(fissionInvites.addedAt), and(ofCampaign(fissionInvites), eq(fissionInvites.claimed, true))),
    perDay(fissionInvites, dayOf(fissionInvites.revokedAt), and(ofCampaign(fissionInvites), isNotNull(fissionInvites.revokedAt))),
    perDay(fissionTierGrants, dayOf(fissionTierGrants.createdAt), ofCampaign(fissionTierGrants)),
  ]);
  const now = ctx.now();
  const last = localDay(now < campaign.endsAt ? now : campaign.endsAt, timeZone);
  const first = localDay(campaign.startsAt, timeZone);
  const seen = [joined, shared, added, counted, revoked, granted].flatMap((m) => [...m.keys()]);
  const span = first <= last ? daysBetween(first, last) : [];
  const days = [...new Set([...span, ...seen])].sort();
  const series: TFissionDay[] = days.map((day) => ({
    day,
    participants: joined.get(day) ?? 0,
    postersShared: shared.get(day) ?? 0,
    friendsAdded: added.get(day) ?? 0,
    counted: counted.get(day) ?? 0,
    revoked: revoked.get(day) ?? 0,
    rewardsGranted: granted.get(day) ?? 0,
  }));
  return {
    funnel: {
      participants: p?.n ?? 0,
      postersShared: views?.n ?? 0,
      friendsAdded: inviteRows.reduce((sum, r) => sum + r.n, 0),
      counted: status('counted'),
      revoked: status('revoked'),
      rewardsGranted: grants?.n ?? 0,
      rewardsFlagged: Number(grants?.flagged ?? 0),
      completed: Number(p?.completed ?? 0),
      notCounted: {
        notNew: status('not_new'),
        duplicate: status('duplicate'),
        self: status('self'),
        outsideWindow: status('outside_window'),
      },
    },
    days: series,
    timeZone,
  };
}
