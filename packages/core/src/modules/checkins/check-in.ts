import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { requireCampaign, type TCampaignRow } from './campaign-queries.ts';
import { daysBetween, localDate } from './checkin-days.ts';
import { isEligible } from './checkin-eligibility.ts';
import { checkinRefusal, type TCampaignStatus } from './checkin-rules.ts';
import type { TCheckinRefusalReason, TCheckinResult } from './checkins.schemas.ts';
import { checkinRecords } from './checkins.tables.ts';
import { lockParticipant, refreshParticipant } from './participant-state.ts';

export type TCheckInInput = {
  campaignId: number;
  customerId: number;
  // h5: the button on the H5 page; keyword: a keyword message in one of the campaign's groups.
  source: 'h5' | 'keyword';
  // When it happened: now for the H5 page, the message time for keywords (a late delivery still
  // counts for the day it was said).
  at: Date;
  groupId?: number | null;
  messageId?: number | null;
};

export type TCheckInOutcome =
  | { ok: true; result: TCheckinResult; campaign: TCampaignRow }
  | { ok: false; reason: TCheckinRefusalReason; campaign: TCampaignRow };

/**
 * Checks a customer in for the campaign day of `at` (Asia/Shanghai). At most one check-in per
 * customer per day: a repeat — a second tap, a redelivered message, a race — answers `already` and
 * changes nothing. Outside the campaign's days, or for a draft or ended campaign, it is refused
 * (`ok: false` with the reason; nothing is written). The first check-in makes the customer a
 * participant; milestones reached grant their rewards once. Runs in the caller's transaction.
 * @example
 * const r = await checkIn(ctx, { campaignId: 3, customerId: 42, source: 'h5', at: ctx.now() });
 * if (r.ok) r.result.currentStreak;
 */
export async function checkIn(ctx: Ctx, input: TCheckInInput): Promise<TCheckInOutcome> {
  return inTransaction(ctx, async (tctx) => {
    const campaign = await requireCampaign(tctx, input.campaignId);
    const day = localDate(input.at);
    const index = daysBetween(campaign.startDate, day);
    const refusal = checkinRefusal(campaign.status as TCampaignStatus, campaign.days, index);
    if (refusal) return { ok: false, reason: refusal, campaign };
    if (input.source === 'h5' && !(await isEligible(tctx, campaign, input.customerId))) {
      return { ok: false, reason: 'NOT_ELIGIBLE', campaign };
    }
    const participant = await lockParticipant(tctx, campaign, input.customerId, { source: input.source, at: input.at });
    if (!participant) throw new Error(`Participant of campaign ${campaign.id} was neither created nor found.`);
    const [created] = await dbOf(tctx)
      .insert(checkinRecords)
      .values({
        tenantId: tctx.actor.tenantId,
        campaignId: campaign.id,
        participantId: participant.id,
        customerId: input.customerId,
        day,
        kind: 'checkin',
        source: input.source,
        groupId: input.groupId ?? null,
        messageId: input.messageId ?? null,
        at: input.at,
      })
      .onConflictDoNothing()
      .returning({ id: checkinRecords.id });
    const { state, newMilestones } = await refreshParticipant(tctx, campaign, participant, {
      onDay: day,
      today: index,
      at: created ? input.at : null,
    });
    return {
      ok: true,
      campaign,
      result: {
        outcome: created ? 'checked_in' : 'already',
        day,
        number: index + 1,
        currentStreak: state.current,
        longestStreak: state.longest,
        totalDays: state.total,
        newMilestones,
      },
    };
  });
}
