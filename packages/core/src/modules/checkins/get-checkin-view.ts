import type { Ctx } from '../../context.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { campaignGroupIds, phaseOf, requireCampaign, todayOf } from './campaign-queries.ts';
import { addDays } from './checkin-days.ts';
import { isEligible } from './checkin-eligibility.ts';
import {
  calendarOf,
  lastDayOf,
  MAKEUP_CARDS_PER_CAMPAIGN,
  makeupRefusal,
  type TCampaignStatus,
  type TMissedDayRule,
} from './checkin-rules.ts';
import type { TCheckinView } from './checkins.schemas.ts';
import { findParticipant, participantDays, streakOf } from './participant-state.ts';

/**
 * What the H5 page shows: the campaign, and — for the customer of the token — their calendar of the
 * N days (checked / make-up / missed / today pending / future), streak, total, milestones reached
 * and the days a make-up card may fill now. Reads only.
 */
export async function getCheckinView(ctx: Ctx, campaignId: number, customerId: number | null): Promise<TCheckinView> {
  const campaign = await requireCampaign(ctx, campaignId);
  const { today, index } = todayOf(ctx, campaign);
  const phase = phaseOf(ctx, campaign);
  const view: TCheckinView = {
    campaign: {
      name: campaign.name,
      description: campaign.description,
      days: campaign.days,
      startDate: campaign.startDate,
      endDate: lastDayOf(campaign.startDate, campaign.days),
      phase,
      keywords: campaign.keywords,
      hasGroups: (await campaignGroupIds(ctx, campaign.id)).length > 0,
      openToAll: campaign.openToAll,
      missedDayRule: campaign.missedDayRule as TMissedDayRule,
      milestones: campaign.milestones,
      today,
      todayNumber: index >= 0 && index < campaign.days ? index + 1 : null,
    },
    me: null,
  };
  if (customerId === null) return view;
  const customer = await getCustomerRef(ctx, customerId);
  if (!customer || customer.deleted) return view;
  const participant = await findParticipant(ctx, campaign.id, customerId);
  const days = participant ? await participantDays(ctx, campaign, customerId) : { checked: [], makeups: [] };
  const rule = campaign.missedDayRule as TMissedDayRule;
  const state = streakOf(campaign, days, index);
  const base = { days: campaign.days, rule, checked: days.checked, makeups: days.makeups, today: index };
  const calendar = calendarOf(base);
  const makeupDays = participant
    ? calendar.flatMap((_, d) =>
        makeupRefusal({ ...base, status: campaign.status as TCampaignStatus, day: d }) === null
          ? [addDays(campaign.startDate, d)]
          : [],
      )
    : [];
  view.me = {
    name: customer.name,
    joined: participant !== null,
    eligible: await isEligible(ctx, campaign, customerId),
    checkedInToday: calendar[index] === 'checked',
    currentStreak: state.current,
    longestStreak: state.longest,
    totalDays: state.total,
    makeupCardsLeft: rule === 'makeup' ? Math.max(0, MAKEUP_CARDS_PER_CAMPAIGN - state.makeupDays) : 0,
    makeupDays,
    calendar: calendar.map((s, d) => ({ day: addDays(campaign.startDate, d), number: d + 1, state: s })),
    milestonesReached: state.reached,
  };
  return view;
}
