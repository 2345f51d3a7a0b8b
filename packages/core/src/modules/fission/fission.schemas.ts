import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { REWARD_KINDS, REWARD_STATUSES, ZRewardSpec } from '../rewards/rewards.schemas.ts';
import { campaignProblems } from './fission-rules.ts';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'ended'] as const;
export const CAMPAIGN_PHASES = ['draft', 'upcoming', 'running', 'ended'] as const;
export const INVITE_STATUSES = ['counted', 'revoked', 'not_new', 'duplicate', 'self', 'outside_window'] as const;
export const JOINED_VIA = ['h5', 'keyword', 'operator'] as const;

const ZDateTime = z.string().datetime({ offset: true }).openapi({ example: '2026-03-01T00:00:00+08:00' });

export const ZFissionTier = z
  .object({
    // Counted friends needed for this tier.
    invites: z.number().int().min(1).max(10_000),
    reward: ZRewardSpec,
  })
  .openapi('FissionTier');
export type TFissionTierInput = z.infer<typeof ZFissionTier>;

// The fields an operator edits; every one optional here, required or defaulted below.
const fields = {
  name: z.string().trim().min(1).max(64),
  description: z.string().max(2000),
  rules: z.string().max(4000),
  startsAt: ZDateTime,
  endsAt: ZDateTime,
  goal: z.number().int().min(1).max(10_000),
  tiers: z.array(ZFissionTier).min(1).max(10),
  staffIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(100),
  posterTemplateId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
  keyword: z.string().trim().min(1).max(32).nullable(),
  deleteWindowHours: z.number().int().min(0).max(720),
};

export const ZCreateFissionCampaignRequest = z
  .object({
    ...fields,
    description: fields.description.default(''),
    rules: fields.rules.default(''),
    posterTemplateId: fields.posterTemplateId.optional(),
    keyword: fields.keyword.optional(),
    deleteWindowHours: fields.deleteWindowHours.default(72),
  })
  .superRefine((v, ctx) => {
    for (const p of campaignProblems({ ...v, startsAt: new Date(v.startsAt), endsAt: new Date(v.endsAt) })) {
      ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
    }
  })
  .openapi('CreateFissionCampaignRequest');
export type TCreateFissionCampaignRequest = z.infer<typeof ZCreateFissionCampaignRequest>;

export const ZUpdateFissionCampaignRequest = z
  .object({
    name: fields.name.optional(),
    description: fields.description.optional(),
    rules: fields.rules.optional(),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt.optional(),
    goal: fields.goal.optional(),
    tiers: fields.tiers.optional(),
    staffIds: fields.staffIds.optional(),
    posterTemplateId: fields.posterTemplateId.optional(),
    keyword: fields.keyword.optional(),
    deleteWindowHours: fields.deleteWindowHours.optional(),
  })
  .openapi('UpdateFissionCampaignRequest');
export type TUpdateFissionCampaignRequest = z.infer<typeof ZUpdateFissionCampaignRequest>;

export const ZListFissionCampaignsQuery = ZPageQuery.extend({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  q: z.string().trim().max(64).optional(),
});
export type TListFissionCampaignsQuery = z.infer<typeof ZListFissionCampaignsQuery>;

const ZRef = z.object({ id: z.number().int(), name: z.string() });

export const ZFissionCampaign = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    rules: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    goal: z.number().int(),
    tiers: z.array(ZFissionTier),
    staffIds: z.array(z.number().int()),
    staff: z.array(ZRef.extend({ active: z.boolean() })),
    posterTemplateId: z.number().int().nullable(),
    keyword: z.string().nullable(),
    deleteWindowHours: z.number().int(),
    status: z.enum(CAMPAIGN_STATUSES),
    // What people see now: a started campaign is upcoming before its window and ended after it.
    phase: z.enum(CAMPAIGN_PHASES),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    // The campaign's shared H5 link (`/f/<slug>`).
    url: z.string(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
    // Key numbers: participants, counted friends standing now, rewards granted.
    participants: z.number().int(),
    counted: z.number().int(),
    rewardsGranted: z.number().int(),
  })
  .openapi('FissionCampaign');
export type TFissionCampaign = z.infer<typeof ZFissionCampaign>;

export const ZListParticipantsQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional(),
  sort: z.enum(['invites', 'joined']).default('invites'),
});
export type TListParticipantsQuery = z.infer<typeof ZListParticipantsQuery>;

export const ZFissionParticipant = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string(),
    joinedVia: z.enum(JOINED_VIA),
    invitedCount: z.number().int(),
    // Tiers reached with the count standing now.
    tiersReached: z.number().int(),
    rewardsGranted: z.number().int(),
    rewardsFlagged: z.number().int(),
    // Their personal H5 link and poster (null until the code exists).
    url: z.string(),
    posterUrl: z.string().nullable(),
    wayConfigId: z.string().nullable(),
    lastCountedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('FissionParticipant');
export type TFissionParticipant = z.infer<typeof ZFissionParticipant>;

export const ZFissionInvite = z
  .object({
    id: z.number().int(),
    campaignId: z.number().int(),
    participantId: z.number().int(),
    friendCustomerId: z.number().int(),
    friendName: z.string(),
    staffId: z.number().int(),
    staffName: z.string(),
    status: z.enum(INVITE_STATUSES),
    addedAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .openapi('FissionInvite');
export type TFissionInvite = z.infer<typeof ZFissionInvite>;

export const ZLeaderboardQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const ZLeaderboardEntry = z
  .object({
    rank: z.number().int(),
    participantId: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string(),
    invitedCount: z.number().int(),
    lastCountedAt: z.string().nullable(),
  })
  .openapi('FissionLeaderboardEntry');
export type TLeaderboardEntry = z.infer<typeof ZLeaderboardEntry>;

export const ZFissionFunnel = z
  .object({
    participants: z.number().int(),
    // Participants whose poster was fetched at least once.
    postersShared: z.number().int(),
    // Every add through participants' codes, counted or not.
    friendsAdded: z.number().int(),
    // Friends counted and still standing (revoked ones excluded).
    counted: z.number().int(),
    revoked: z.number().int(),
    rewardsGranted: z.number().int(),
    rewardsFlagged: z.number().int(),
    // Participants whose standing count reached the goal.
    completed: z.number().int(),
    // Adds that did not count, by reason.
    notCounted: z.object({
      notNew: z.number().int(),
      duplicate: z.number().int(),
      self: z.number().int(),
      outsideWindow: z.number().int(),
    }),
  })
  .openapi('FissionFunnel');
export type TFissionFunnel = z.infer<typeof ZFissionFunnel>;

export const ZFissionDay = z
  .object({
    day: z.string(),
    participants: z.number().int(),
    postersShared: z.number().int(),
    friendsAdded: z.number().int(),
    counted: z.number().int(),
    revoked: z.number().int(),
    rewardsGranted: z.number().int(),
  })
  .openapi('FissionDay');
export type TFissionDay = z.infer<typeof ZFissionDay>;

export const ZFissionStats = z
  .object({ funnel: ZFissionFunnel, days: z.array(ZFissionDay), timeZone: z.string() })
  .openapi('FissionStats');
export type TFissionStats = z.infer<typeof ZFissionStats>;

export const ZSendFissionLinkRequest = z
  .object({ customerId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) })
  .openapi('SendFissionLinkRequest');

export const ZSendFissionLinkResult = z
  .object({ actionId: z.number().int(), duplicate: z.boolean(), staffId: z.number().int() })
  .openapi('SendFissionLinkResult');

// ---------- public (H5) ----------

export const ZSlugParam = z.object({
  slug: z
    .string()
    .regex(/^[0-9A-Za-z]{4,32}$/)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'k3J9x2AbCd' }),
});

const ZPublicTier = z.object({
  tier: z.number().int(),
  invites: z.number().int(),
  reward: z.object({ kind: z.enum(REWARD_KINDS), amount: z.number().int(), name: z.string() }),
});

export const ZPublicFissionProgress = z
  .object({
    participantId: z.number().int(),
    invitedCount: z.number().int(),
    url: z.string(),
    posterUrl: z.string(),
    tiersReached: z.array(z.number().int()),
    next: z.object({ tier: z.number().int(), missing: z.number().int() }).nullable(),
    // Friends who added through their code (names masked), newest first, at most 50.
    friends: z.array(z.object({ name: z.string(), addedAt: z.string(), status: z.enum(INVITE_STATUSES) })),
    rewards: z.array(z.object({ tier: z.number().int(), name: z.string(), status: z.enum(REWARD_STATUSES) })),
  })
  .openapi('PublicFissionProgress');
export type TPublicFissionProgress = z.infer<typeof ZPublicFissionProgress>;

export const ZPublicFission = z
  .object({
    campaign: z.object({
      name: z.string(),
      description: z.string(),
      rules: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      phase: z.enum(CAMPAIGN_PHASES),
      goal: z.number().int(),
      tiers: z.array(ZPublicTier),
      deleteWindowHours: z.number().int(),
      url: z.string(),
    }),
    // The participant whose personal link this is (opened by a friend), or null on the shared link.
    inviter: z.object({ name: z.string(), posterUrl: z.string() }).nullable(),
    // The token's customer, when they take part.
    me: ZPublicFissionProgress.nullable(),
    leaderboard: z.array(z.object({ rank: z.number().int(), name: z.string(), invitedCount: z.number().int() })),
  })
  .openapi('PublicFission');
export type TPublicFission = z.infer<typeof ZPublicFission>;
