import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TRewardSpec } from '../rewards/rewards.schemas.ts';

/** A milestone as stored on a campaign: reached at a streak or a total of `days`, rewarded once. */
export type TStoredMilestone = { kind: 'streak' | 'total'; days: number; reward: TRewardSpec };

/**
 * A check-in campaign (打卡): N calendar days (Asia/Shanghai) from a start date, checked in from the
 * H5 page (`/c/<slug>`) or by a keyword in the campaign's groups.
 */
export const checkinCampaigns = pgTable(
  'checkin_campaigns',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // Number of campaign days (N), counted from start_date.
    days: integer('days').notNull(),
    // Day 1, a calendar date in Asia/Shanghai.
    startDate: date('start_date', { mode: 'string' }).notNull(),
    // Anyone holding a customer link may join from the H5 page; otherwise only members of the groups.
    openToAll: boolean('open_to_all').notNull().default(true),
    // Messages that check in, in the campaign's groups.
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    // 'exact' (the whole message) | 'contains'
    keywordMatch: text('keyword_match').notNull().default('exact'),
    // 'reset' | 'makeup' (one make-up card per participant); see checkin-rules.ts.
    missedDayRule: text('missed_day_rule').notNull().default('reset'),
    milestones: jsonb('milestones').$type<TStoredMilestone[]>().notNull().default([]),
    reminderEnabled: boolean('reminder_enabled').notNull().default(false),
    // Local time of day 'HH:MM' after which the day's reminder goes out.
    reminderTime: text('reminder_time').notNull().default('20:00'),
    reminderText: text('reminder_text').notNull().default(''),
    remindInGroups: boolean('remind_in_groups').notNull().default(true),
    remindPrivately: boolean('remind_privately').notNull().default(false),
    // The last date whose reminders were sent; the sweep skips days up to it.
    remindedDay: date('reminded_day', { mode: 'string' }),
    // Answer keyword check-ins in the group ("@name 打卡成功，已连续 N 天").
    replyInGroup: boolean('reply_in_group').notNull().default(false),
    replyText: text('reply_text').notNull().default(''),
    // A poster template of the posters module, for the campaign's share poster.
    posterTemplateId: ref('poster_template_id'),
    // 'draft' | 'active' | 'ended'
    status: text('status').notNull().default('draft'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('checkin_campaigns_status_idx').on(t.tenantId, t.status)],
);

/** The groups a campaign runs in: a keyword counts only in these. */
export const checkinCampaignGroups = pgTable(
  'checkin_campaign_groups',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    groupId: ref('group_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('checkin_campaign_groups_uq').on(t.tenantId, t.campaignId, t.groupId),
    // A group message finds its campaigns by group.
    index('checkin_campaign_groups_group_idx').on(t.tenantId, t.groupId),
  ],
);

/**
 * A customer taking part (joined from the H5 page or checked in once). The stats columns are a
 * cache recomputed from the participant's records after every change, under a row lock.
 */
export const checkinParticipants = pgTable(
  'checkin_participants',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    customerId: ref('customer_id').notNull(),
    // 'h5' | 'keyword': how they joined.
    source: text('source').notNull(),
    joinedAt: ts('joined_at').notNull(),
    joinedDay: date('joined_day', { mode: 'string' }).notNull(),
    // Filled days (check-ins + make-ups).
    totalDays: integer('total_days').notNull().default(0),
    longestStreak: integer('longest_streak').notNull().default(0),
    // The latest filled date and the run of consecutive days ending on it (the streak while it is alive).
    lastFilledDay: date('last_filled_day', { mode: 'string' }),
    lastRun: integer('last_run').notNull().default(0),
    makeupsUsed: integer('makeups_used').notNull().default(0),
    milestonesReached: integer('milestones_reached').notNull().default(0),
    lastCheckinAt: ts('last_checkin_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('checkin_participants_uq').on(t.tenantId, t.campaignId, t.customerId),
    index('checkin_participants_customer_idx').on(t.tenantId, t.customerId),
  ],
);

/** One filled day of a participant: a check-in, or a make-up card spent on a missed day. */
export const checkinRecords = pgTable(
  'checkin_records',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    participantId: ref('participant_id').notNull(),
    customerId: ref('customer_id').notNull(),
    // The campaign day filled (Asia/Shanghai date).
    day: date('day', { mode: 'string' }).notNull(),
    // 'checkin' | 'makeup'
    kind: text('kind').notNull(),
    // 'h5' | 'keyword' | 'makeup'
    source: text('source').notNull(),
    // For keyword check-ins: the group and the message.
    groupId: ref('group_id'),
    messageId: ref('message_id'),
    // When it happened (the message time for keyword check-ins).
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // At most one record per customer per campaign day: redeliveries and races collapse here.
    uniqueIndex('checkin_records_day_uq').on(t.tenantId, t.campaignId, t.customerId, t.day),
    // One make-up card per campaign, enforced by the database too.
    uniqueIndex('checkin_records_makeup_uq').on(t.tenantId, t.campaignId, t.customerId).where(sql`kind = 'makeup'`),
    index('checkin_records_campaign_day_idx').on(t.tenantId, t.campaignId, t.day),
  ],
);

/** A milestone a participant reached, with the reward granted for it (once, by its unique key). */
export const checkinMilestones = pgTable(
  'checkin_milestones',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    participantId: ref('participant_id').notNull(),
    customerId: ref('customer_id').notNull(),
    // Index into the campaign's milestones.
    milestoneIndex: integer('milestone_index').notNull(),
    // The campaign day on which it was reached.
    reachedDay: date('reached_day', { mode: 'string' }).notNull(),
    grantId: ref('grant_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('checkin_milestones_uq').on(t.tenantId, t.campaignId, t.customerId, t.milestoneIndex),
    index('checkin_milestones_day_idx').on(t.tenantId, t.campaignId, t.reachedDay),
  ],
);
