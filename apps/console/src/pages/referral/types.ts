// Shapes of the referral API (packages/core/src/modules/referral/referral.schemas.ts).

export type TRate = { kind: 'percent' | 'fixed'; value: number };
export type TCommissionRule = { name: string; skuPrefixes: string[]; level1: TRate; level2: TRate | null };

export type TProgramme = {
  enabled: boolean;
  attributionDays: number;
  refundDays: number;
  level2Enabled: boolean;
  level1CapCents: number | null;
  level2CapCents: number | null;
  staffIds: number[];
  staff: { id: number; name: string }[];
  welcomeText: string | null;
  rules: TCommissionRule[];
  updatedAt: string | null;
  updatedBy: string | null;
};

export type TTotals = { pendingCents: number; settledCents: number; paidCents: number; reversedCents: number };

export type TReferrer = {
  id: number;
  kind: 'customer' | 'staff';
  customerId: number | null;
  staffId: number | null;
  name: string;
  status: 'active' | 'disabled';
  slug: string | null;
  url: string | null;
  parentReferrerId: number | null;
  wayConfigId: string | null;
  referrals: number;
  totals: TTotals;
  createdAt: string;
};

export type TReferral = {
  id: number;
  customerId: number;
  customerName: string;
  referrerId: number;
  referrerName: string;
  source: 'contact_way' | 'link';
  boundAt: string;
  commissionCents: number;
  orders: number;
};

export type TLedgerState = 'pending' | 'settled' | 'paid' | 'reversed';
export type TLedgerKind = 'commission' | 'clawback';

export type TLedgerEntry = {
  id: number;
  referrerId: number;
  referrerName: string;
  level: number;
  kind: TLedgerKind;
  orderId: number;
  customerId: number;
  customerName: string;
  orderAmountCents: number;
  amountCents: number;
  state: TLedgerState;
  occurredAt: string;
  settleAfter: string;
  settledAt: string | null;
  reversedAt: string | null;
  paidAt: string | null;
  paidBy: string | null;
  payoutRef: string | null;
  detail: Record<string, unknown>;
};

export type TLedgerPage = { items: TLedgerEntry[]; total: number; page: number; pageSize: number; sums: TTotals };

export const LEDGER_STATES: TLedgerState[] = ['pending', 'settled', 'paid', 'reversed'];
export const STATE_COLOR: Record<TLedgerState, string> = {
  pending: 'gold',
  settled: 'blue',
  paid: 'green',
  reversed: 'default',
};

/** The PNG of a QR code for `text` (the posters module serves it). */
export { qrImageSrc as qrImageUrl } from '../../lib/qr.ts';
