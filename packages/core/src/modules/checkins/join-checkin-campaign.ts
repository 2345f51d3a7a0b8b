import { type Ctx, inTransaction } from '../../context.ts';
import { phaseOf, requireCampaign, type TCampaignRow, todayOf } from './campaign-queries.ts';
import { isEligible } from './checkin-eligibility.ts';
import type { TCheckinRefusalReason, TCheckinResult } from './checkins.schemas.ts';
import { lockParticipant, participantDays, streakOf } from './participant-state.ts';

export type TJoinOutcome =
  | { ok: true; result: TCheckinResult; campaign: TCampaignRow }
  | { ok: false; reason: TCheckinRefusalReason; campaign: TCampaignRow };

/**
 * Joins a customer from the H5 page (before the start or while it runs), so that they get the
 * daily reminders. Joining twice changes nothing.
 */
export async function joinCheckinCampaign(ctx: Ctx, input: { campaignId: number; customerId: number }): Promise<TJoinOutcome> {
  return inTransaction(ctx, async (tctx) => {
    const campaign = await requireCampaign(tctx, input.campaignId);
    const phase = phaseOf(tctx, campaign);
    if (phase === 'draft') return { ok: false, reason: 'NOT_ACTIVE', campaign };
    if (phase === 'ended') return { ok: false, reason: 'ENDED', campaign };
    if (!(await isEligible(tctx, campaign, input.customerId))) return { ok: false, reason: 'NOT_ELIGIBLE', campaign };
    await lockParticipant(tctx, campaign, input.customerId, { source: 'h5', at: tctx.now() });
    const { today, index } = todayOf(tctx, campaign);
    const state = streakOf(campaign, await participantDays(tctx, campaign, input.customerId), index);
    return {
      ok: true,
      campaign,
      result: {
        outcome: 'joined',
        day: today,
        // 0 while the campaign has not started.
        number: Math.max(0, index + 1),
        currentStreak: state.current,
        longestStreak: state.longest,
        totalDays: state.total,
        newMilestones: [],
      },
    };
  });
}
