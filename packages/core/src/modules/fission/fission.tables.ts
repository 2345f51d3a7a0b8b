import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TRewardSpec } from '../rewards/rewards.schemas.ts';

/** One reward tier of a campaign: reaching `invites` counted friends earns `reward`. */
export type TFissionTier = { invites: number; reward: TRewardSpec };

/**
 * Fission campaigns (任务宝): invite N friends who are new to the brand, earn rewards at tiers.
 * Participants' personal codes are contact ways holding the campaign's staff pool.
 */
export const fissionCampaigns = pgTable(
  'fission_campaigns',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    // The intro shown on the H5 page, and the rules (plain text, line breaks kept).
    description: text('description').notNull().default(''),
    rules: text('rules').notNull().default(''),
    // Friends count only when they add within [starts_at, ends_at].
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    // Invites that complete the task; always one of the tiers' thresholds.
    goal: integer('goal').notNull(),
    // Ascending thresholds, each with its reward.
    tiers: jsonb('tiers').$type<TFissionTier[]>().notNull(),
    // The staff pool every participant's contact way holds (new friends are handed to them in turn).
    staffIds: jsonb('staff_ids').$type<number[]>().notNull(),
    // A posters-module template for the personal posters; null renders the plain default.
    posterTemplateId: ref('poster_template_id'),
    // A customer who sends this word to a staff member joins and gets their poster back.
    keyword: text('keyword'),
    // A friend deleting within this many hours of adding is subtracted (and reached rewards flagged).
    deleteWindowHours: integer('delete_window_hours').notNull().default(72),
    // 'draft' | 'active' | 'ended'
    status: text('status').notNull().default('draft'),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('fission_campaigns_status_idx').on(t.tenantId, t.status)],
);

/** A customer taking part in a campaign, with their personal contact way and live count. */
export const fissionParticipants = pgTable(
  'fission_participants',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    customerId: ref('customer_id').notNull(),
    // 'h5' | 'keyword' | 'operator'
    joinedVia: text('joined_via').notNull().default('h5'),
    // The personal contact way (state `fi<campaignId>.<participantId>`); null until created.
    wayConfigId: text('way_config_id'),
    wayQrCode: text('way_qr_code'),
    // Counted invites now standing (revoked ones subtracted); changed only by atomic increments.
    invitedCount: integer('invited_count').notNull().default(0),
    // When the last counted invite arrived: ties on the leaderboard go to whoever got there first.
    lastCountedAt: ts('last_counted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('fission_participants_customer_uq').on(t.tenantId, t.campaignId, t.customerId),
    index('fission_participants_rank_idx').on(t.tenantId, t.campaignId, t.invitedCount),
  ],
);

/**
 * Every add through a participant's code, counted or not (the funnel's "friends added"). A friend
 * is claimed once per campaign: the partial unique index makes a second count impossible, also
 * after the first was revoked.
 */
export const fissionInvites = pgTable(
  'fission_invites',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    participantId: ref('participant_id').notNull(),
    friendCustomerId: ref('friend_customer_id').notNull(),
    // The staff member the friend added through the code.
    staffId: ref('staff_id').notNull(),
    // 'counted' | 'revoked' | 'not_new' (already a customer) | 'duplicate' (counted for someone
    // else in this campaign) | 'self' | 'outside_window'
    status: text('status').notNull(),
    // True for the one invite that counted this friend in this campaign (stays true when revoked).
    claimed: boolean('claimed').notNull().default(false),
    // The inbox event of the add, so a replay cannot record it twice.
    inboxEventId: ref('inbox_event_id'),
    addedAt: ts('added_at').notNull(),
    revokedAt: ts('revoked_at'),
    // 'customer' (the friend deleted the staff member) | 'staff'
    revokedBy: text('revoked_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('fission_invites_claim_uq').on(t.tenantId, t.campaignId, t.friendCustomerId).where(sql`${t.claimed}`),
    uniqueIndex('fission_invites_event_uq')
      .on(t.tenantId, t.inboxEventId, t.participantId)
      .where(sql`${t.inboxEventId} is not null`),
    index('fission_invites_participant_idx').on(t.tenantId, t.participantId, t.addedAt),
    index('fission_invites_friend_idx').on(t.tenantId, t.friendCustomerId, t.staffId),
    index('fission_invites_campaign_idx').on(t.tenantId, t.campaignId, t.addedAt),
  ],
);

/** The reward grant of each tier a participant reached: one row per (participant, tier), ever. */
export const fissionTierGrants = pgTable(
  'fission_tier_grants',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    participantId: ref('participant_id').notNull(),
    // 1-based tier number.
    tier: integer('tier').notNull(),
    // The rewards module's grant (key `fission:<campaignId>:participant:<id>:tier:<n>`).
    grantId: ref('grant_id').notNull(),
    // Set when a revoked invite dropped the participant below this tier; the grant waits for review.
    flaggedAt: ts('flagged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('fission_tier_grants_uq').on(t.tenantId, t.participantId, t.tier),
    index('fission_tier_grants_campaign_idx').on(t.tenantId, t.campaignId, t.createdAt),
  ],
);

/**
 * Poster fetches per participant and day (Asia/Shanghai): the funnel's "posters shared" counts
 * participants whose poster was fetched at least once.
 */
export const fissionPosterViews = pgTable(
  'fission_poster_views',
  {
    tenantId: tenantId(),
    id: identityId(),
    campaignId: ref('campaign_id').notNull(),
    participantId: ref('participant_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('fission_poster_views_uq').on(t.tenantId, t.participantId, t.day),
    index('fission_poster_views_campaign_idx').on(t.tenantId, t.campaignId, t.day),
  ],
);
