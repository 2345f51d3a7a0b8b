import { index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/**
 * Every reward Pond grants (points, coupons, gifts), keyed by the granting rule's idempotency key:
 * the same key twice is one grant. The loyalty issue will post `points` grants to its ledger; until
 * then a grant is recorded with its status and shown to the customer.
 */
export const rewardGrants = pgTable(
  'reward_grants',
  {
    tenantId: tenantId(),
    id: identityId(),
    // e.g. `fission:3:participant:17:tier:2` — one grant per key, ever.
    idempotencyKey: text('idempotency_key').notNull(),
    customerId: ref('customer_id').notNull(),
    // 'points' | 'coupon' | 'gift'
    kind: text('kind').notNull(),
    // Points, or the coupon's value in cents; 0 for gifts.
    amount: integer('amount').notNull().default(0),
    // What the customer sees: "满50减10券", "定制杯".
    name: text('name').notNull(),
    // What granted it: 'fission' | 'checkin' | 'referral' | 'automation' | 'manual'
    source: text('source').notNull(),
    sourceId: ref('source_id'),
    // 'granted' | 'flagged' (held for review) | 'revoked' | 'fulfilled' (a gift handed over)
    status: text('status').notNull().default('granted'),
    // Why it was flagged or revoked, and who reviewed it.
    reason: text('reason'),
    reviewedBy: text('reviewed_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('reward_grants_key_uq').on(t.tenantId, t.idempotencyKey),
    index('reward_grants_customer_idx').on(t.tenantId, t.customerId),
    index('reward_grants_source_idx').on(t.tenantId, t.source, t.sourceId),
  ],
);
