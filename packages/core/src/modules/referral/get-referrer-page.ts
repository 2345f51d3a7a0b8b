import { and, desc, eq, sql } from 'drizzle-orm';
import { getTenantChannelKind } from '../../channels.ts';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getStaffById } from '../org/lookups.ts';
import { bindRefusal, getBinding } from './bind-referral.ts';
import { referralEarningsSubquery } from './list-referrals.ts';
import type { TLedgerTotals, TPublicReferrerPage } from './referral.schemas.ts';
import { referralBindings, referralLedger } from './referral.tables.ts';
import { loadProgramme } from './referral-programme.ts';
import {
  ensureReferrer,
  ensureReferrerWay,
  getReferrerOfCustomer,
  getReferrerRow,
  maskName,
  referrerLink,
  type TReferrerRow,
} from './referrers.ts';
import { syncReferrerWay } from './sync-referrer-ways.ts';

/** The PNG of a QR code for `text`, served by the posters module. */
export const qrImageUrl = (text: string) => `/api/public/qr?text=${encodeURIComponent(text)}`;

const MINE_LIMIT = 50;

async function referrerTotals(ctx: Ctx, referrerId: number): Promise<TLedgerTotals> {
  const sumWhere = (state: string) =>
    sql<string>`coalesce(sum(${referralLedger.amountCents}) filter (where ${referralLedger.state} = ${state}), 0)`;
  const [row] = await dbOf(ctx)
    .select({
      pending: sumWhere('pending'),
      settled: sumWhere('settled'),
      paid: sumWhere('paid'),
      reversed: sumWhere('reversed'),
    })
    .from(referralLedger)
    .where(and(eq(referralLedger.tenantId, ctx.actor.tenantId), eq(referralLedger.referrerId, referrerId)));
  return {
    pendingCents: Number(row?.pending ?? 0),
    settledCents: Number(row?.settled ?? 0),
    paidCents: Number(row?.paid ?? 0),
    reversedCents: Number(row?.reversed ?? 0),
  };
}

/** What the referrer themself sees: totals by state, their referrals and their latest entries (names masked). */
async function mineOf(ctx: Ctx, referrer: TReferrerRow): Promise<NonNullable<TPublicReferrerPage['mine']>> {
  const db = dbOf(ctx);
  const earnings = referralEarningsSubquery(ctx);
  const [totals, referrals, entries] = await Promise.all([
    referrerTotals(ctx, referrer.id),
    db
      .select({ b: referralBindings, cents: earnings.cents })
      .from(referralBindings)
      .leftJoin(
        earnings,
        and(eq(earnings.referrerId, referralBindings.referrerId), eq(earnings.customerId, referralBindings.customerId)),
      )
      .where(and(eq(referralBindings.tenantId, ctx.actor.tenantId), eq(referralBindings.referrerId, referrer.id)))
      .orderBy(desc(referralBindings.boundAt), desc(referralBindings.id))
      .limit(MINE_LIMIT),
    db
      .select()
      .from(referralLedger)
      .where(and(eq(referralLedger.tenantId, ctx.actor.tenantId), eq(referralLedger.referrerId, referrer.id)))
      .orderBy(desc(referralLedger.occurredAt), desc(referralLedger.id))
      .limit(MINE_LIMIT),
  ]);
  const names = await getCustomerNames(ctx, [...referrals.map((r) => r.b.customerId), ...entries.map((e) => e.customerId)]);
  const masked = (id: number) => maskName(names.get(id) ?? '');
  return {
    totals,
    referrals: referrals.map((r) => ({
      id: r.b.id,
      name: masked(r.b.customerId),
      boundAt: r.b.boundAt.toISOString(),
      source: r.b.source,
      commissionCents: Number(r.cents ?? 0),
    })),
    entries: entries.map((e) => ({
      id: e.id,
      level: e.level,
      kind: e.kind as 'commission' | 'clawback',
      amountCents: e.amountCents,
      state: e.state as 'pending' | 'settled' | 'paid' | 'reversed',
      customerName: masked(e.customerId),
      occurredAt: e.occurredAt.toISOString(),
    })),
  };
}

/**
 * A referrer's public page (`/r/<slug>`): their link and its QR, the QR of their contact way (made
 * on first visit; adding it binds a new customer to them), and — for a visitor with a customer
 * token — whether they can bind; for the referrer themself, their referrals and commissions.
 * Calls the channel on the first visit: call it outside a transaction.
 */
export async function getReferrerPage(
  ctx: Ctx,
  input: { referrerId: number; viewerCustomerId: number | null },
): Promise<TPublicReferrerPage> {
  const referrer = await getReferrerRow(ctx, input.referrerId);
  if (referrer?.status !== 'active') throw notFound('Referral link', input.referrerId);
  const programme = await loadProgramme(ctx);
  const link = await referrerLink(ctx, referrer.id);
  let way: TPublicReferrerPage['way'] = null;
  if (programme.enabled) {
    try {
      const w = await ensureReferrerWay(ctx, referrer);
      // The pool may have changed since the way was made; the sweep would catch up within minutes.
      await syncReferrerWay(ctx, referrer);
      const simulator = (await getTenantChannelKind(ctx.database, dbOf(ctx), ctx.actor.tenantId)) === 'simulator';
      // WeCom's qr_code is already an image; the simulator's is a URL to draw as a QR code.
      way = { qrCode: w.qrCode, qrImageUrl: simulator ? qrImageUrl(w.qrCode) : w.qrCode };
    } catch (error) {
      // No staff to receive customers, or the channel is down: the page still shows the link.
      if (!(error instanceof AppError)) throw error;
      ctx.log.warn({ referrerId: referrer.id, err: error.message }, 'referral: no contact way');
    }
  }
  const isReferrer = input.viewerCustomerId !== null && referrer.customerId === input.viewerCustomerId;
  let viewer: TPublicReferrerPage['viewer'] = null;
  if (input.viewerCustomerId !== null) {
    const binding = await getBinding(ctx, input.viewerCustomerId);
    const refusal = binding ? 'already_bound' : await bindRefusal(ctx, input.viewerCustomerId, referrer);
    viewer = {
      isReferrer,
      boundToThis: binding?.referrerId === referrer.id,
      canBind: refusal === null,
      bindBlockedReason: refusal,
    };
  }
  let name = referrer.name;
  if (referrer.kind === 'staff' && referrer.staffId) name = (await getStaffById(ctx, referrer.staffId))?.name ?? name;
  if (referrer.kind === 'customer' && referrer.customerId) {
    name = (await getCustomerNames(ctx, [referrer.customerId])).get(referrer.customerId) ?? name;
    if (!isReferrer) name = maskName(name);
  }
  return {
    referrer: { kind: referrer.kind as 'customer' | 'staff', name },
    programme: { enabled: programme.enabled, attributionDays: programme.attributionDays },
    link: { slug: link.slug, url: link.url, qrImageUrl: qrImageUrl(link.url) },
    way,
    viewer,
    mine: isReferrer ? await mineOf(ctx, referrer) : null,
  };
}

/**
 * The token's customer as a referrer (`GET /api/public/me/referral`): made a referrer with a link
 * on first call while the programme is on; their page as they see it.
 */
export async function getMyReferral(ctx: Ctx, customerId: number): Promise<TPublicReferrerPage> {
  const programme = await loadProgramme(ctx);
  let referrer = await getReferrerOfCustomer(ctx, customerId);
  if (!referrer) {
    if (!programme.enabled) {
      throw new AppError('CONFLICT', 'The brand has not opened its referral programme yet. Check back later.', {
        reason: 'programme_off',
      });
    }
    referrer = await ensureReferrer(ctx, { kind: 'customer', customerId });
  }
  if (referrer.status !== 'active') {
    throw new AppError('CONFLICT', 'Your referral link has been switched off. Ask the store if you think this is a mistake.', {
      reason: 'referrer_disabled',
    });
  }
  return getReferrerPage(ctx, { referrerId: referrer.id, viewerCustomerId: customerId });
}
