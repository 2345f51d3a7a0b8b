import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZRewardSpec } from '../rewards/rewards.schemas.ts';
import { isIsoDate } from './checkin-days.ts';
import { normalizeKeyword } from './checkin-rules.ts';

export const CHECKIN_STATUSES = ['draft', 'active', 'ended'] as const;
export const CHECKIN_PHASES = ['draft', 'upcoming', 'running', 'ended'] as const;
export const MISSED_DAY_RULES = ['reset', 'makeup'] as const;
export const KEYWORD_MATCHES = ['exact', 'contains'] as const;
export const MILESTONE_KINDS = ['streak', 'total'] as const;
export const MAX_CAMPAIGN_DAYS = 366;

export const DEFAULT_REPLY_TEXT = '@{name} 打卡成功！已连续打卡 {streak} 天，累计 {total} 天';
export const DEFAULT_REMINDER_TEXT = '「{campaign}」今天还没打卡哦，记得打卡，别让连续 {streak} 天断掉～';

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isIsoDate, 'not a real calendar date')
  .openapi({ example: '2026-03-01' });
const ZClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM')
  .openapi({ example: '20:00' });
const ZKeyword = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .refine((k) => normalizeKeyword(k).length > 0, 'a keyword needs a letter or a number');

export const ZCheckinMilestone = z
  .object({
    // streak: consecutive days (longest streak); total: filled days in all.
    kind: z.enum(MILESTONE_KINDS),
    days: z.number().int().min(1).max(MAX_CAMPAIGN_DAYS),
    reward: ZRewardSpec,
  })
  .openapi('CheckinMilestone');
export type TCheckinMilestone = z.infer<typeof ZCheckinMilestone>;

// The editable fields; create fills defaults, update takes any subset (checked again after merging).
const campaignFields = {
  name: z.string().trim().min(1).max(64),
  description: z.string().trim().max(2000),
  days: z.number().int().min(1).max(MAX_CAMPAIGN_DAYS),
  startDate: ZDate,
  groupIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(50),
  openToAll: z.boolean(),
  keywords: z.array(ZKeyword).max(5),
  keywordMatch: z.enum(KEYWORD_MATCHES),
  missedDayRule: z.enum(MISSED_DAY_RULES),
  milestones: z.array(ZCheckinMilestone).max(10),
  reminderEnabled: z.boolean(),
  reminderTime: ZClock,
  reminderText: z.string().trim().max(500),
  remindInGroups: z.boolean(),
  remindPrivately: z.boolean(),
  replyInGroup: z.boolean(),
  replyText: z.string().trim().max(200),
  posterTemplateId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
};

export const ZCreateCheckinCampaign = z
  .object({
    name: campaignFields.name,
    description: campaignFields.description.default(''),
    days: campaignFields.days.default(21),
    startDate: campaignFields.startDate,
    groupIds: campaignFields.groupIds.default([]),
    openToAll: campaignFields.openToAll.default(true),
    keywords: campaignFields.keywords.default(['打卡']),
    keywordMatch: campaignFields.keywordMatch.default('exact'),
    missedDayRule: campaignFields.missedDayRule.default('reset'),
    milestones: campaignFields.milestones.default([]),
    reminderEnabled: campaignFields.reminderEnabled.default(false),
    reminderTime: campaignFields.reminderTime.default('20:00'),
    reminderText: campaignFields.reminderText.default(DEFAULT_REMINDER_TEXT),
    remindInGroups: campaignFields.remindInGroups.default(true),
    remindPrivately: campaignFields.remindPrivately.default(false),
    replyInGroup: campaignFields.replyInGroup.default(false),
    replyText: campaignFields.replyText.default(DEFAULT_REPLY_TEXT),
    posterTemplateId: campaignFields.posterTemplateId.optional(),
  })
  .openapi('CreateCheckinCampaign');
export type TCreateCheckinCampaign = z.input<typeof ZCreateCheckinCampaign>;
export type TCheckinCampaignConfig = Omit<z.output<typeof ZCreateCheckinCampaign>, 'posterTemplateId'> & {
  posterTemplateId: number | null;
};

export const ZUpdateCheckinCampaign = z
  .object({
    name: campaignFields.name.optional(),
    description: campaignFields.description.optional(),
    days: campaignFields.days.optional(),
    startDate: campaignFields.startDate.optional(),
    groupIds: campaignFields.groupIds.optional(),
    openToAll: campaignFields.openToAll.optional(),
    keywords: campaignFields.keywords.optional(),
    keywordMatch: campaignFields.keywordMatch.optional(),
    missedDayRule: campaignFields.missedDayRule.optional(),
    milestones: campaignFields.milestones.optional(),
    reminderEnabled: campaignFields.reminderEnabled.optional(),
    reminderTime: campaignFields.reminderTime.optional(),
    reminderText: campaignFields.reminderText.optional(),
    remindInGroups: campaignFields.remindInGroups.optional(),
    remindPrivately: campaignFields.remindPrivately.optional(),
    replyInGroup: campaignFields.replyInGroup.optional(),
    replyText: campaignFields.replyText.optional(),
    posterTemplateId: campaignFields.posterTemplateId.optional(),
  })
  .openapi('UpdateCheckinCampaign');
export type TUpdateCheckinCampaign = z.infer<typeof ZUpdateCheckinCampaign>;

export const ZCheckinCampaign = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    days: z.number().int(),
    startDate: z.string(),
    endDate: z.string(),
    groups: z.array(z.object({ id: z.number().int(), name: z.string() })),
    openToAll: z.boolean(),
    keywords: z.array(z.string()),
    keywordMatch: z.enum(KEYWORD_MATCHES),
    missedDayRule: z.enum(MISSED_DAY_RULES),
    milestones: z.array(ZCheckinMilestone),
    reminderEnabled: z.boolean(),
    reminderTime: z.string(),
    reminderText: z.string(),
    remindInGroups: z.boolean(),
    remindPrivately: z.boolean(),
    remindedDay: z.string().nullable(),
    replyInGroup: z.boolean(),
    replyText: z.string(),
    posterTemplateId: z.number().int().nullable(),
    status: z.enum(CHECKIN_STATUSES),
    // Where it stands today: an active campaign is upcoming, running or (past its last day) ended.
    phase: z.enum(CHECKIN_PHASES),
    // Today's campaign day (1-based), or null outside the campaign's days.
    todayNumber: z.number().int().nullable(),
    slug: z.string(),
    url: z.string(),
    participantCount: z.number().int(),
    checkedInToday: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .openapi('CheckinCampaign');
export type TCheckinCampaign = z.infer<typeof ZCheckinCampaign>;

export const ZListCheckinCampaignsQuery = ZPageQuery.extend({
  status: z.enum(CHECKIN_STATUSES).optional(),
  q: z.string().trim().max(64).optional(),
});
export type TListCheckinCampaignsQuery = z.infer<typeof ZListCheckinCampaignsQuery>;

export const PARTICIPANT_SORTS = ['streak', 'total', 'joined'] as const;
export const ZListCheckinParticipantsQuery = ZPageQuery.extend({
  // streak: current streak, then longest, then total (the ranking); total: filled days; joined: newest first.
  sort: z.enum(PARTICIPANT_SORTS).default('streak'),
});
export type TListCheckinParticipantsQuery = z.infer<typeof ZListCheckinParticipantsQuery>;

export const ZCheckinParticipant = z
  .object({
    id: z.number().int(),
    rank: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string().nullable(),
    source: z.enum(['h5', 'keyword']),
    joinedAt: z.string(),
    currentStreak: z.number().int(),
    longestStreak: z.number().int(),
    totalDays: z.number().int(),
    makeupsUsed: z.number().int(),
    milestonesReached: z.number().int(),
    lastFilledDay: z.string().nullable(),
    lastCheckinAt: z.string().nullable(),
  })
  .openapi('CheckinParticipant');
export type TCheckinParticipant = z.infer<typeof ZCheckinParticipant>;

export const ZCheckinDayStats = z.object({
  day: z.string(),
  number: z.number().int(),
  // Participants who had joined by the end of the day.
  participants: z.number().int(),
  checkins: z.number().int(),
  // Missed days filled later by make-up cards.
  makeups: z.number().int(),
  // checkins ÷ participants (0 when nobody had joined).
  rate: z.number(),
  milestonesReached: z.number().int(),
});

export const ZCheckinStats = z
  .object({
    campaignId: z.number().int(),
    today: z.string(),
    todayNumber: z.number().int().nullable(),
    participants: z.number().int(),
    checkedInToday: z.number().int(),
    todayRate: z.number(),
    checkins: z.number().int(),
    makeups: z.number().int(),
    milestonesReached: z.number().int(),
    // Participants who filled every day so far.
    perfect: z.number().int(),
    days: z.array(ZCheckinDayStats),
    // Current streaks of the participants, bucketed ('0', '1-2', '3-6', '7-13', '14-20', '21+').
    streakDistribution: z.array(z.object({ bucket: z.string(), participants: z.number().int() })),
    milestones: z.array(
      z.object({
        index: z.number().int(),
        kind: z.enum(MILESTONE_KINDS),
        days: z.number().int(),
        rewardName: z.string(),
        reached: z.number().int(),
      }),
    ),
  })
  .openapi('CheckinStats');
export type TCheckinStats = z.infer<typeof ZCheckinStats>;

// ---------- the customer's H5 page ----------

export const CALENDAR_STATES = ['checked', 'makeup', 'missed', 'pending', 'future'] as const;
export const CHECKIN_REFUSALS = [
  'NOT_ACTIVE',
  'NOT_STARTED',
  'ENDED',
  'NOT_ELIGIBLE',
  'NOT_JOINED',
  'RULE_RESET',
  'OUT_OF_RANGE',
  'NOT_PAST',
  'ALREADY_FILLED',
  'NO_CARD',
] as const;
export type TCheckinRefusalReason = (typeof CHECKIN_REFUSALS)[number];

export const ZCheckinView = z
  .object({
    campaign: z.object({
      name: z.string(),
      description: z.string(),
      days: z.number().int(),
      startDate: z.string(),
      endDate: z.string(),
      phase: z.enum(CHECKIN_PHASES),
      keywords: z.array(z.string()),
      hasGroups: z.boolean(),
      openToAll: z.boolean(),
      missedDayRule: z.enum(MISSED_DAY_RULES),
      milestones: z.array(ZCheckinMilestone),
      today: z.string(),
      todayNumber: z.number().int().nullable(),
    }),
    // Null without a customer token (the page then asks to open the link from the chat).
    me: z
      .object({
        name: z.string(),
        joined: z.boolean(),
        // May join or check in from the H5 page (open campaign, or a member of one of its groups).
        eligible: z.boolean(),
        checkedInToday: z.boolean(),
        currentStreak: z.number().int(),
        longestStreak: z.number().int(),
        totalDays: z.number().int(),
        makeupCardsLeft: z.number().int(),
        // Days a make-up card may fill now.
        makeupDays: z.array(z.string()),
        calendar: z.array(z.object({ day: z.string(), number: z.number().int(), state: z.enum(CALENDAR_STATES) })),
        milestonesReached: z.array(z.number().int()),
      })
      .nullable(),
  })
  .openapi('CheckinView');
export type TCheckinView = z.infer<typeof ZCheckinView>;

export const ZCheckinResult = z
  .object({
    // checked_in: counted now; already: this day was already filled (a repeat changes nothing).
    outcome: z.enum(['checked_in', 'already', 'made_up', 'joined']),
    day: z.string(),
    number: z.number().int(),
    currentStreak: z.number().int(),
    longestStreak: z.number().int(),
    totalDays: z.number().int(),
    // Milestones reached by this action, with their rewards.
    newMilestones: z.array(
      z.object({ index: z.number().int(), kind: z.enum(MILESTONE_KINDS), days: z.number().int(), rewardName: z.string() }),
    ),
  })
  .openapi('CheckinResult');
export type TCheckinResult = z.infer<typeof ZCheckinResult>;

export const ZSlugParam = z.object({
  slug: z
    .string()
    .min(1)
    .max(32)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'k3J9x2Ab7Q' }),
});

export const ZMakeUpRequest = z.object({ day: ZDate }).openapi('CheckinMakeUpRequest');
export type TMakeUpRequest = z.infer<typeof ZMakeUpRequest>;
