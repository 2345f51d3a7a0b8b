import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';
import type { TCommissionRule } from './commission-rules.ts';

/**
 * The referral programme (分销) of a tenant: one row per tenant, made on first save. Until then the
 * defaults of `DEFAULT_PROGRAMME` apply and the programme is off.
 */
export const referralProgrammes = pgTable(
  'referral_programmes',
  {
    tenantId: tenantId(),
    id: identityId(),
    // Off: no new bindings and no new commissions; existing ledger entries still settle and pay.
    enabled: boolean('enabled').notNull().default(false),
    // Days after a customer's binding during which their paid orders earn commission.
    attributionDays: integer('attribution_days').notNull().default(30),
    // Days after payment before a commission settles; a refund inside it reverses the commission.
    refundDays: integer('refund_days').notNull().default(7),
    // Whether the referrer's own referrer earns the level-2 rates.
    level2Enabled: boolean('level2_enabled').notNull().default(false),
    // Most commission one order can earn at each level, in cents; null = no cap.
    level1CapCents: integer('level1_cap_cents'),
    level2CapCents: integer('level2_cap_cents'),
    // Staff whose contact way customer referrers share (a staff referrer shares their own).
    staffIds: jsonb('staff_ids').$type<number[]>().notNull().default([]),
    // Commission rules by category (a category is a set of SKU prefixes; see commission-rules.ts).
    rules: jsonb('rules').$type<TCommissionRule[]>().notNull().default([]),
    // Welcome text for customers who add through a referrer's way; null = the default welcome.
    welcomeText: text('welcome_text'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('referral_programmes_tenant_uq').on(t.tenantId)],
);

/** People who refer: customers (from their H5 page) or staff (added by an operator). */
export const referrers = pgTable(
  'referrers',
  {
    tenantId: tenantId(),
    id: identityId(),
    // 'customer' | 'staff'
    kind: text('kind').notNull(),
    customerId: ref('customer_id'),
    staffId: ref('staff_id'),
    // The name when the referrer was made, for search; lists show the current name.
    name: text('name').notNull(),
    // 'active' | 'disabled' (a disabled referrer binds no one and earns nothing new)
    status: text('status').notNull().default('active'),
    // The personal contact way (state `rf<id>`), made on first use.
    wayConfigId: text('way_config_id'),
    wayQrCode: text('way_qr_code'),
    // The staff userids the way holds, to notice when the programme's pool changed.
    wayStaffUserIds: jsonb('way_staff_user_ids').$type<string[]>(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('referrers_customer_uq').on(t.tenantId, t.customerId).where(sql`${t.customerId} is not null`),
    uniqueIndex('referrers_staff_uq').on(t.tenantId, t.staffId).where(sql`${t.staffId} is not null`),
    index('referrers_name_idx').on(t.tenantId, t.name),
  ],
);

/** Who referred a customer: one referrer per customer, the first binding wins (unique customer). */
export const referralBindings = pgTable(
  'referral_bindings',
  {
    tenantId: tenantId(),
    id: identityId(),
    customerId: ref('customer_id').notNull(),
    referrerId: ref('referrer_id').notNull(),
    // 'contact_way' (added through the referrer's way as a new customer) | 'link' (confirmed on the H5 page)
    source: text('source').notNull(),
    // When the binding happened; the attribution window starts here.
    boundAt: ts('bound_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('referral_bindings_customer_uq').on(t.tenantId, t.customerId),
    index('referral_bindings_referrer_idx').on(t.tenantId, t.referrerId, t.boundAt),
  ],
);

/**
 * The commission ledger. Rows are only inserted (unique idempotency key) or moved along the state
 * machine of ledger-states.ts by conditional updates. A `commission` row is what one order earns one
 * referrer at one level; a `clawback` row (negative) takes back part of it after a partial refund, or
 * all of it after a refund that arrives once the commission already settled.
 */
export const referralLedger = pgTable(
  'referral_ledger',
  {
    tenantId: tenantId(),
    id: identityId(),
    // `order:<orderId>:l<level>:commission` | `order:<orderId>:l<level>:clawback:<refund time ms>`
    idempotencyKey: text('idempotency_key').notNull(),
    referrerId: ref('referrer_id').notNull(),
    // 1 = the buyer's referrer, 2 = that referrer's own referrer.
    level: integer('level').notNull(),
    // 'commission' | 'clawback'
    kind: text('kind').notNull(),
    orderId: ref('order_id').notNull(),
    // The buyer.
    customerId: ref('customer_id').notNull(),
    orderAmountCents: integer('order_amount_cents').notNull(),
    // Positive for commissions, negative for clawbacks (cents, 分).
    amountCents: integer('amount_cents').notNull(),
    // 'pending' | 'settled' | 'paid' | 'reversed'
    state: text('state').notNull().default('pending'),
    // When the order was paid (commission) or refunded (clawback).
    occurredAt: ts('occurred_at').notNull(),
    // The end of the refund window: the settle job moves pending rows on from here.
    settleAfter: ts('settle_after').notNull(),
    settledAt: ts('settled_at'),
    reversedAt: ts('reversed_at'),
    paidAt: ts('paid_at'),
    // Who marked it paid, and their payout reference (a transfer number).
    paidBy: text('paid_by'),
    payoutRef: text('payout_ref'),
    // How the amount was computed (rules, bases, rates), for the operator and the referrer.
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('referral_ledger_key_uq').on(t.tenantId, t.idempotencyKey),
    index('referral_ledger_referrer_idx').on(t.tenantId, t.referrerId, t.state),
    index('referral_ledger_order_idx').on(t.tenantId, t.orderId),
    index('referral_ledger_due_idx').on(t.state, t.settleAfter),
  ],
);
