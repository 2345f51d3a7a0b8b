import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { MAX_PREFIXES, MAX_RULES, ruleSetProblems } from './commission-rules.ts';
import { LEDGER_KINDS, LEDGER_STATES } from './ledger-states.ts';

// ---------------------------------------------------------------------------------------------
// Programme

const ZPercentRate = z
  .object({
    kind: z.literal('percent'),
    // Percent of the line amount, 0–100 with at most two decimals (12.5 = 12.5 %).
    value: z
      .number()
      .min(0, 'a percentage is 0 or more')
      .max(100, 'a percentage is at most 100')
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'a percentage has at most two decimals'),
  })
  .openapi('ReferralPercentRate');
const ZFixedRate = z
  .object({
    kind: z.literal('fixed'),
    // Cents per unit sold.
    value: z.number().int('a fixed amount is whole cents').min(0, 'a fixed amount is 0 or more').max(10_000_000),
  })
  .openapi('ReferralFixedRate');
export const ZRate = z.discriminatedUnion('kind', [ZPercentRate, ZFixedRate]).openapi('ReferralRate');

export const ZCommissionRule = z
  .object({
    name: z.string().trim().min(1, 'a category needs a name').max(30),
    // SKU prefixes of the category; empty = the default rule (every line no other rule matches).
    skuPrefixes: z.array(z.string().trim().min(1).max(64)).max(MAX_PREFIXES).default([]),
    level1: ZRate,
    level2: ZRate.nullable().default(null),
  })
  .openapi('ReferralCommissionRule');

const ZCap = z.number().int().min(0).max(100_000_000).nullable();

export const ZSaveReferralProgramme = z
  .object({
    enabled: z.boolean(),
    attributionDays: z.number().int().min(1, 'at least 1 day').max(3650, 'at most 3650 days'),
    refundDays: z.number().int().min(0).max(365, 'at most 365 days'),
    level2Enabled: z.boolean().default(false),
    level1CapCents: ZCap.default(null),
    level2CapCents: ZCap.default(null),
    staffIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(100).default([]),
    welcomeText: z.string().trim().max(500).nullable().default(null),
    rules: z.array(ZCommissionRule).max(MAX_RULES).default([]),
  })
  .superRefine((v, ctx) => {
    for (const p of ruleSetProblems(v.rules)) ctx.addIssue({ code: 'custom', path: ['rules', ...p.path], message: p.message });
  })
  .openapi('SaveReferralProgramme');
export type TSaveReferralProgramme = z.infer<typeof ZSaveReferralProgramme>;

export const ZReferralProgramme = z
  .object({
    enabled: z.boolean(),
    attributionDays: z.number().int(),
    refundDays: z.number().int(),
    level2Enabled: z.boolean(),
    level1CapCents: z.number().int().nullable(),
    level2CapCents: z.number().int().nullable(),
    staffIds: z.array(z.number().int()),
    staff: z.array(z.object({ id: z.number().int(), name: z.string() })),
    welcomeText: z.string().nullable(),
    rules: z.array(ZCommissionRule),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('ReferralProgramme');
export type TReferralProgramme = z.infer<typeof ZReferralProgramme>;

// ---------------------------------------------------------------------------------------------
// Referrers

export const REFERRER_KINDS = ['customer', 'staff'] as const;
export const REFERRER_STATUSES = ['active', 'disabled'] as const;

export const ZLedgerTotals = z
  .object({
    pendingCents: z.number().int(),
    settledCents: z.number().int(),
    paidCents: z.number().int(),
    reversedCents: z.number().int(),
  })
  .openapi('ReferralLedgerTotals');
export type TLedgerTotals = z.infer<typeof ZLedgerTotals>;

export const ZReferrer = z
  .object({
    id: z.number().int(),
    kind: z.enum(REFERRER_KINDS),
    customerId: z.number().int().nullable(),
    staffId: z.number().int().nullable(),
    name: z.string(),
    status: z.enum(REFERRER_STATUSES),
    slug: z.string().nullable(),
    url: z.string().nullable(),
    // The referrer's own referrer (level 2 earns from this referrer's referrals), when there is one.
    parentReferrerId: z.number().int().nullable(),
    // The personal contact way (state `rf<id>`), once made; the simulator scans it by this id.
    wayConfigId: z.string().nullable(),
    referrals: z.number().int(),
    totals: ZLedgerTotals,
    createdAt: z.string(),
  })
  .openapi('Referrer');
export type TReferrer = z.infer<typeof ZReferrer>;

export const ZListReferrersQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional(),
  kind: z.enum(REFERRER_KINDS).optional(),
  status: z.enum(REFERRER_STATUSES).optional(),
  referrerId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  // newest first, or by commission earned (pending + settled + paid), or by referrals.
  sort: z.enum(['newest', 'earnings', 'referrals']).default('newest'),
});
export type TListReferrersQuery = z.infer<typeof ZListReferrersQuery>;

export const ZCreateReferrer = z
  .object({
    kind: z.enum(REFERRER_KINDS),
    customerId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    staffId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((v) => (v.kind === 'customer' ? v.customerId !== undefined : v.staffId !== undefined), {
    message: 'A customer referrer needs customerId, a staff referrer staffId',
    path: ['kind'],
  })
  .openapi('CreateReferrer');
export type TCreateReferrer = z.infer<typeof ZCreateReferrer>;

export const ZUpdateReferrer = z.object({ status: z.enum(REFERRER_STATUSES) }).openapi('UpdateReferrer');

// ---------------------------------------------------------------------------------------------
// Referrals (bindings)

export const ZReferral = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string(),
    referrerId: z.number().int(),
    referrerName: z.string(),
    source: z.enum(['contact_way', 'link']),
    boundAt: z.string(),
    // Commission this customer's orders earned for the referrer (level 1, not reversed).
    commissionCents: z.number().int(),
    orders: z.number().int(),
  })
  .openapi('Referral');
export type TReferral = z.infer<typeof ZReferral>;

export const ZListReferralsQuery = ZPageQuery.extend({
  referrerId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type TListReferralsQuery = z.infer<typeof ZListReferralsQuery>;

// ---------------------------------------------------------------------------------------------
// Ledger

export const ZLedgerEntry = z
  .object({
    id: z.number().int(),
    referrerId: z.number().int(),
    referrerName: z.string(),
    level: z.number().int(),
    kind: z.enum(LEDGER_KINDS),
    orderId: z.number().int(),
    customerId: z.number().int(),
    customerName: z.string(),
    orderAmountCents: z.number().int(),
    amountCents: z.number().int(),
    state: z.enum(LEDGER_STATES),
    occurredAt: z.string(),
    settleAfter: z.string(),
    settledAt: z.string().nullable(),
    reversedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    paidBy: z.string().nullable(),
    payoutRef: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('ReferralLedgerEntry');
export type TLedgerEntry = z.infer<typeof ZLedgerEntry>;

const ZIsoDate = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'a date or time such as 2026-05-01 or 2026-05-01T08:00:00Z');

export const ZLedgerFilter = z.object({
  referrerId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  state: z.enum(LEDGER_STATES).optional(),
  kind: z.enum(LEDGER_KINDS).optional(),
  level: z.coerce.number().int().min(1).max(2).optional(),
  orderId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  // Entries that happened in [from, to).
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export type TLedgerFilter = z.infer<typeof ZLedgerFilter>;

export const ZListLedgerQuery = ZPageQuery.merge(ZLedgerFilter);
export type TListLedgerQuery = z.infer<typeof ZListLedgerQuery>;

export const ZLedgerPage = z
  .object({
    items: z.array(ZLedgerEntry),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    // Sums over every entry the filter matches (not only this page).
    sums: ZLedgerTotals,
  })
  .openapi('ReferralLedgerPage');

export const ZExportLedgerQuery = ZLedgerFilter.extend({ format: z.enum(['csv']).default('csv') });

export const ZMarkPaid = z
  .object({
    // Settled entries to mark paid (entries in another state are left alone and reported).
    ids: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(500),
    // The total the operator confirmed; nothing changes when the settled entries add up differently.
    confirmTotalCents: z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000),
    // The payout's reference (a bank transfer number), kept with each entry.
    reference: z.string().trim().max(100).optional(),
  })
  .openapi('MarkReferralCommissionsPaid');
export type TMarkPaid = z.infer<typeof ZMarkPaid>;

export const ZMarkPaidResult = z
  .object({ paid: z.number().int(), totalCents: z.number().int(), skippedIds: z.array(z.number().int()) })
  .openapi('MarkReferralCommissionsPaidResult');

// ---------------------------------------------------------------------------------------------
// Public (H5)

export const ZPublicReferrerPage = z
  .object({
    referrer: z.object({ kind: z.enum(REFERRER_KINDS), name: z.string() }),
    programme: z.object({ enabled: z.boolean(), attributionDays: z.number().int() }),
    link: z.object({ slug: z.string(), url: z.string(), qrImageUrl: z.string() }),
    // The referrer's contact way: adding it binds a new customer to them. Null while the programme is off.
    way: z.object({ qrCode: z.string(), qrImageUrl: z.string() }).nullable(),
    // The visitor, when the request carries a customer token of this brand.
    viewer: z
      .object({
        isReferrer: z.boolean(),
        boundToThis: z.boolean(),
        canBind: z.boolean(),
        // Why binding is not possible: self | already_bound | cycle | programme_off | referrer_disabled
        bindBlockedReason: z.string().nullable(),
      })
      .nullable(),
    // Only for the referrer themself.
    mine: z
      .object({
        totals: ZLedgerTotals,
        referrals: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            boundAt: z.string(),
            source: z.string(),
            commissionCents: z.number().int(),
          }),
        ),
        entries: z.array(
          z.object({
            id: z.number().int(),
            level: z.number().int(),
            kind: z.enum(LEDGER_KINDS),
            amountCents: z.number().int(),
            state: z.enum(LEDGER_STATES),
            customerName: z.string(),
            occurredAt: z.string(),
          }),
        ),
      })
      .nullable(),
  })
  .openapi('PublicReferrerPage');
export type TPublicReferrerPage = z.infer<typeof ZPublicReferrerPage>;

export const ZSlugParam = z.object({
  slug: z
    .string()
    .min(4)
    .max(32)
    .regex(/^[0-9A-Za-z]+$/)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'k3J9x2AbCd' }),
});

export const ZBindResult = z
  .object({ status: z.enum(['bound', 'already_bound']), referrerName: z.string() })
  .openapi('ReferralBindResult');
