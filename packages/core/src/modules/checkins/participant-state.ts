import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { grantReward } from '../rewards/grant-reward.ts';
import type { TCampaignRow } from './campaign-queries.ts';
import { addDays, daysBetween, localDate } from './checkin-days.ts';
import { computeStreak, type TMissedDayRule, type TStreakState } from './checkin-rules.ts';
import { checkinMilestones, checkinParticipants, checkinRecords } from './checkins.tables.ts';

// The participant's side of a check-in, shared by the H5 routes, keyword check-ins and make-ups.
// Every change runs in one transaction that first locks the participant row, so two check-ins of
// the same customer (a redelivered message racing the H5 button) are applied one after the other.

export type TParticipantRow = typeof checkinParticipants.$inferSelect;
export type TNewMilestone = { index: number; kind: 'streak' | 'total'; days: number; rewardName: string };

/** The reward idempotency key of a milestone: one grant per campaign, customer and milestone, ever. */
export const milestoneRewardKey = (campaignId: number, customerId: number, index: number) =>
  `checkin:${campaignId}:${customerId}:m:${index}`;

export async function findParticipant(ctx: Ctx, campaignId: number, customerId: number): Promise<TParticipantRow | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(checkinParticipants)
    .where(
      and(
        eq(checkinParticipants.tenantId, ctx.actor.tenantId),
        eq(checkinParticipants.campaignId, campaignId),
        eq(checkinParticipants.customerId, customerId),
      ),
    );
  return row ?? null;
}

/** The participant row, created on first use (safe under races), locked for the caller's transaction. */
export async function lockParticipant(
  ctx: Ctx,
  campaign: TCampaignRow,
  customerId: number,
  join: { source: 'h5' | 'keyword'; at: Date } | null,
): Promise<TParticipantRow | null> {
  const db = dbOf(ctx);
  if (join) {
    await db
      .insert(checkinParticipants)
      .values({
        tenantId: ctx.actor.tenantId,
        campaignId: campaign.id,
        customerId,
        source: join.source,
        joinedAt: join.at,
        joinedDay: localDate(join.at),
      })
      .onConflictDoNothing();
  }
  const [row] = await db
    .select()
    .from(checkinParticipants)
    .where(
      and(
        eq(checkinParticipants.tenantId, ctx.actor.tenantId),
        eq(checkinParticipants.campaignId, campaign.id),
        eq(checkinParticipants.customerId, customerId),
      ),
    )
    .for('update');
  return row ?? null;
}

/** The participant's filled days as day numbers. */
export async function participantDays(
  ctx: Ctx,
  campaign: TCampaignRow,
  customerId: number,
): Promise<{ checked: number[]; makeups: number[] }> {
  const rows = await dbOf(ctx)
    .select({ day: checkinRecords.day, kind: checkinRecords.kind })
    .from(checkinRecords)
    .where(
      and(
        eq(checkinRecords.tenantId, ctx.actor.tenantId),
        eq(checkinRecords.campaignId, campaign.id),
        eq(checkinRecords.customerId, customerId),
      ),
    );
  const n = (day: string) => daysBetween(campaign.startDate, day);
  return {
    checked: rows.filter((r) => r.kind === 'checkin').map((r) => n(r.day)),
    makeups: rows.filter((r) => r.kind === 'makeup').map((r) => n(r.day)),
  };
}

export const streakOf = (campaign: TCampaignRow, days: { checked: number[]; makeups: number[] }, today: number): TStreakState =>
  computeStreak({
    days: campaign.days,
    rule: campaign.missedDayRule as TMissedDayRule,
    checked: days.checked,
    makeups: days.makeups,
    today,
    milestones: campaign.milestones,
  });

/**
 * Recomputes the participant's streak from their records (the pure `computeStreak`), stores it on
 * the row, and grants the reward of every milestone reached and not yet recorded — once per
 * milestone, by the unique milestone row and the reward's idempotency key. `onDay` is the campaign
 * date of the action (when a milestone is counted as reached). Call with the participant locked.
 */
export async function refreshParticipant(
  ctx: Ctx,
  campaign: TCampaignRow,
  participant: TParticipantRow,
  input: { onDay: string; today: number; at: Date | null },
): Promise<{ state: TStreakState; newMilestones: TNewMilestone[] }> {
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const state = streakOf(campaign, await participantDays(ctx, campaign, participant.customerId), input.today);
  const newMilestones: TNewMilestone[] = [];
  for (const index of state.reached) {
    const milestone = campaign.milestones[index];
    if (!milestone) continue;
    const [created] = await db
      .insert(checkinMilestones)
      .values({
        tenantId: t,
        campaignId: campaign.id,
        participantId: participant.id,
        customerId: participant.customerId,
        milestoneIndex: index,
        reachedDay: input.onDay,
      })
      .onConflictDoNothing()
      .returning({ id: checkinMilestones.id });
    if (!created) continue;
    const grant = await grantReward(ctx, {
      idempotencyKey: milestoneRewardKey(campaign.id, participant.customerId, index),
      customerId: participant.customerId,
      reward: milestone.reward,
      source: 'checkin',
      sourceId: campaign.id,
    });
    await db
      .update(checkinMilestones)
      .set({ grantId: grant.grantId })
      .where(and(eq(checkinMilestones.tenantId, t), eq(checkinMilestones.id, created.id)));
    newMilestones.push({ index, kind: milestone.kind, days: milestone.days, rewardName: milestone.reward.name });
  }
  await db
    .update(checkinParticipants)
    .set({
      totalDays: state.total,
      longestStreak: state.longest,
      lastRun: state.lastRun,
      lastFilledDay: state.lastFilled === null ? null : addDays(campaign.startDate, state.lastFilled),
      makeupsUsed: state.makeupDays,
      milestonesReached: state.reached.length,
      ...(input.at ? { lastCheckinAt: input.at } : {}),
    })
    .where(and(eq(checkinParticipants.tenantId, t), eq(checkinParticipants.id, participant.id)));
  return { state, newMilestones };
}
