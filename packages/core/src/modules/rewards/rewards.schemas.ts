import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';

export const REWARD_KINDS = ['points', 'coupon', 'gift'] as const;
export const REWARD_STATUSES = ['granted', 'flagged', 'revoked', 'fulfilled'] as const;
export const REWARD_SOURCES = ['fission', 'checkin', 'referral', 'automation', 'manual'] as const;

/** What a campaign promises at a tier or milestone; stored in campaign configs as is. */
export const ZRewardSpec = z
  .object({
    kind: z.enum(REWARD_KINDS),
    // Points, or a coupon's value in cents; gifts leave it 0.
    amount: z.number().int().min(0).max(100_000_000).default(0),
    name: z.string().trim().min(1).max(64),
  })
  .refine((r) => r.kind === 'gift' || r.amount > 0, { message: 'Points and coupons need an amount above 0.', path: ['amount'] })
  .openapi('RewardSpec');
export type TRewardSpec = z.infer<typeof ZRewardSpec>;

export const ZRewardGrant = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string().nullable(),
    kind: z.enum(REWARD_KINDS),
    amount: z.number().int(),
    name: z.string(),
    source: z.enum(REWARD_SOURCES),
    sourceId: z.number().int().nullable(),
    status: z.enum(REWARD_STATUSES),
    reason: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('RewardGrant');
export type TRewardGrant = z.infer<typeof ZRewardGrant>;

export const ZListRewardsQuery = ZPageQuery.extend({
  status: z.enum(REWARD_STATUSES).optional(),
  source: z.enum(REWARD_SOURCES).optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
});
export type TListRewardsQuery = z.infer<typeof ZListRewardsQuery>;

export const ZReviewReward = z
  .object({
    // keep: the grant stands (status back to granted); revoke: it is withdrawn.
    decision: z.enum(['keep', 'revoke']),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('ReviewReward');
export type TReviewReward = z.infer<typeof ZReviewReward>;
