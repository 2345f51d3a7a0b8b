import { and, count, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { daysBetween, localDate } from './checkin-days.ts';
import { campaignPhase, lastDayOf, type TCampaignStatus } from './checkin-rules.ts';
import type { TCheckinCampaign } from './checkins.schemas.ts';
import { checkinCampaignGroups, checkinCampaigns, checkinParticipants, checkinRecords } from './checkins.tables.ts';

// Reads shared by the module's operations (not published to other modules).

export type TCampaignRow = typeof checkinCampaigns.$inferSelect;

/** The campaign, or NOT_FOUND; `forUpdate` locks the row for the caller's transaction. */
export async function requireCampaign(ctx: Ctx, id: number, options: { forUpdate?: boolean } = {}): Promise<TCampaignRow> {
  const query = dbOf(ctx)
    .select()
    .from(checkinCampaigns)
    .where(and(eq(checkinCampaigns.tenantId, ctx.actor.tenantId), eq(checkinCampaigns.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Check-in campaign', id);
  return row;
}

/** The group ids of a campaign, ascending. */
export async function campaignGroupIds(ctx: Ctx, campaignId: number): Promise<number[]> {
  const rows = await dbOf(ctx)
    .select({ groupId: checkinCampaignGroups.groupId })
    .from(checkinCampaignGroups)
    .where(and(eq(checkinCampaignGroups.tenantId, ctx.actor.tenantId), eq(checkinCampaignGroups.campaignId, campaignId)))
    .orderBy(checkinCampaignGroups.groupId);
  return rows.map((r) => r.groupId);
}

/** Today's date and campaign day number (0-based; negative before the start, ≥ N after the end). */
export function todayOf(ctx: Pick<Ctx, 'now'>, campaign: Pick<TCampaignRow, 'startDate'>): { today: string; index: number } {
  const today = localDate(ctx.now());
  return { today, index: daysBetween(campaign.startDate, today) };
}

export const phaseOf = (ctx: Pick<Ctx, 'now'>, c: TCampaignRow) =>
  campaignPhase(c.status as TCampaignStatus, c.days, todayOf(ctx, c).index);

/** Campaign rows as the API shows them: groups by name, link, and participant counts in the caller's scope. */
export async function toCampaigns(ctx: Ctx, rows: TCampaignRow[]): Promise<TCheckinCampaign[]> {
  if (rows.length === 0) return [];
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const ids = rows.map((r) => r.id);
  const today = localDate(ctx.now());
  const scope = await customerScopeCondition(ctx, checkinParticipants.customerId);
  const recordScope = await customerScopeCondition(ctx, checkinRecords.customerId);
  const [groupRows, participantCounts, todayCounts] = await Promise.all([
    db
      .select({ campaignId: checkinCampaignGroups.campaignId, groupId: checkinCampaignGroups.groupId })
      .from(checkinCampaignGroups)
      .where(and(eq(checkinCampaignGroups.tenantId, t), inArray(checkinCampaignGroups.campaignId, ids)))
      .orderBy(checkinCampaignGroups.groupId),
    db
      .select({ campaignId: checkinParticipants.campaignId, n: count() })
      .from(checkinParticipants)
      .where(and(eq(checkinParticipants.tenantId, t), inArray(checkinParticipants.campaignId, ids), scope))
      .groupBy(checkinParticipants.campaignId),
    db
      .select({ campaignId: checkinRecords.campaignId, n: count() })
      .from(checkinRecords)
      .where(
        and(
          eq(checkinRecords.tenantId, t),
          inArray(checkinRecords.campaignId, ids),
          eq(checkinRecords.day, today),
          eq(checkinRecords.kind, 'checkin'),
          recordScope,
        ),
      )
      .groupBy(checkinRecords.campaignId),
  ]);
  const groupNames = new Map<number, string>();
  for (const groupId of new Set(groupRows.map((g) => g.groupId))) {
    groupNames.set(groupId, (await getGroupRef(ctx, groupId))?.name ?? `#${groupId}`);
  }
  const participants = new Map(participantCounts.map((r) => [r.campaignId, r.n]));
  const checkedToday = new Map(todayCounts.map((r) => [r.campaignId, r.n]));
  const out: TCheckinCampaign[] = [];
  for (const r of rows) {
    const link = await ensureShortLink(ctx, { kind: 'checkin', refId: r.id });
    const index = daysBetween(r.startDate, today);
    out.push({
      id: r.id,
      name: r.name,
      description: r.description,
      days: r.days,
      startDate: r.startDate,
      endDate: lastDayOf(r.startDate, r.days),
      groups: groupRows
        .filter((g) => g.campaignId === r.id)
        .map((g) => ({ id: g.groupId, name: groupNames.get(g.groupId) ?? `#${g.groupId}` })),
      openToAll: r.openToAll,
      keywords: r.keywords,
      keywordMatch: r.keywordMatch as TCheckinCampaign['keywordMatch'],
      missedDayRule: r.missedDayRule as TCheckinCampaign['missedDayRule'],
      milestones: r.milestones,
      reminderEnabled: r.reminderEnabled,
      reminderTime: r.reminderTime,
      reminderText: r.reminderText,
      remindInGroups: r.remindInGroups,
      remindPrivately: r.remindPrivately,
      remindedDay: r.remindedDay,
      replyInGroup: r.replyInGroup,
      replyText: r.replyText,
      posterTemplateId: r.posterTemplateId,
      status: r.status as TCampaignStatus,
      phase: campaignPhase(r.status as TCampaignStatus, r.days, index),
      todayNumber: index >= 0 && index < r.days ? index + 1 : null,
      slug: link.slug,
      url: link.url,
      participantCount: participants.get(r.id) ?? 0,
      checkedInToday: checkedToday.get(r.id) ?? 0,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt?.toISOString() ?? null,
      startedAt: r.startedAt?.toISOString() ?? null,
      endedAt: r.endedAt?.toISOString() ?? null,
    });
  }
  return out;
}

export async function toCampaign(ctx: Ctx, row: TCampaignRow): Promise<TCheckinCampaign> {
  const [campaign] = await toCampaigns(ctx, [row]);
  if (!campaign) throw new Error(`Campaign ${row.id} could not be shown.`);
  return campaign;
}
