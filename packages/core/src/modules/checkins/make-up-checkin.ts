import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { requireCampaign, type TCampaignRow, todayOf } from './campaign-queries.ts';
import { daysBetween } from './checkin-days.ts';
import { makeupRefusal, type TCampaignStatus, type TMissedDayRule } from './checkin-rules.ts';
import type { TCheckinRefusalReason, TCheckinResult } from './checkins.schemas.ts';
import { checkinRecords } from './checkins.tables.ts';
import { lockParticipant, participantDays, refreshParticipant } from './participant-state.ts';

export type TMakeUpOutcome =
  | { ok: true; result: TCheckinResult; campaign: TCampaignRow }
  | { ok: false; reason: TCheckinRefusalReason; campaign: TCampaignRow };

/**
 * Spends the participant's make-up card on a missed earlier day (campaigns under the `makeup`
 * rule): the day then counts as filled for the streak and the total. One card per campaign — the
 * pure `makeupRefusal` decides, and a partial unique index keeps a second make-up out even if two
 * requests race. Refusals change nothing. Runs in the caller's transaction.
 */
export async function makeUpCheckin(
  ctx: Ctx,
  input: { campaignId: number; customerId: number; day: string },
): Promise<TMakeUpOutcome> {
  return inTransaction(ctx, async (tctx) => {
    const campaign = await requireCampaign(tctx, input.campaignId);
    const participant = await lockParticipant(tctx, campaign, input.customerId, null);
    if (!participant) return { ok: false, reason: 'NOT_JOINED', campaign };
    const { today, index } = todayOf(tctx, campaign);
    const days = await participantDays(tctx, campaign, input.customerId);
    const dayIndex = daysBetween(campaign.startDate, input.day);
    const refusal = makeupRefusal({
      status: campaign.status as TCampaignStatus,
      days: campaign.days,
      rule: campaign.missedDayRule as TMissedDayRule,
      checked: days.checked,
      makeups: days.makeups,
      today: index,
      day: dayIndex,
    });
    if (refusal) return { ok: false, reason: refusal, campaign };
    const now = tctx.now();
    const [created] = await dbOf(tctx)
      .insert(checkinRecords)
      .values({
        tenantId: tctx.actor.tenantId,
        campaignId: campaign.id,
        participantId: participant.id,
        customerId: input.customerId,
        day: input.day,
        kind: 'makeup',
        source: 'makeup',
        at: now,
      })
      .onConflictDoNothing()
      .returning({ id: checkinRecords.id });
    // Only a race the lock did not cover could get here (the decision above saw the same rows).
    if (!created) return { ok: false, reason: 'NO_CARD', campaign };
    const { state, newMilestones } = await refreshParticipant(tctx, campaign, participant, {
      onDay: today,
      today: index,
      at: null,
    });
    return {
      ok: true,
      campaign,
      result: {
        outcome: 'made_up',
        day: input.day,
        number: dayIndex + 1,
        currentStreak: state.current,
        longestStreak: state.longest,
        totalDays: state.total,
        newMilestones,
      },
    };
  });
}
