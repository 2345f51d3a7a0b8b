import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { getOrderLines } from '../orders/order-queries.ts';
import { getBinding } from './bind-referral.ts';
import { computeCommission } from './commission-rules.ts';
import { commissionKey } from './ledger-states.ts';
import { referralLedger } from './referral.tables.ts';
import { loadProgramme } from './referral-programme.ts';
import { getReferrerRow, type TReferrerRow } from './referrers.ts';

const DAY_MS = 86_400_000;

export type TOrderPaid = { orderId: number; customerId: number; amountCents: number; at: Date };

/** Whether an order paid at `paidAt` falls in the attribution window of a binding made at `boundAt`. */
export const inAttributionWindow = (boundAt: Date, paidAt: Date, attributionDays: number) =>
  paidAt.getTime() >= boundAt.getTime() && paidAt.getTime() < boundAt.getTime() + attributionDays * DAY_MS;

/**
 * The level-2 referrer of an order: the level-1 referrer's own referrer, when level 2 is on, the
 * level-1 referrer is a customer who was referred, and that referrer is active and not the buyer.
 */
async function levelTwoReferrer(ctx: Ctx, levelOne: TReferrerRow, buyerId: number): Promise<TReferrerRow | null> {
  if (!levelOne.customerId) return null;
  const up = await getBinding(ctx, levelOne.customerId);
  if (!up) return null;
  const parent = await getReferrerRow(ctx, up.referrerId);
  if (parent?.status !== 'active' || parent.id === levelOne.id || parent.customerId === buyerId) return null;
  return parent;
}

/**
 * Writes the commissions a paid order earns (`order.paid`): when the buyer was referred, the order
 * was paid inside the attribution window and the programme is on, one `pending` row for the
 * referrer (level 1) and, with level 2 on, one for the referrer's own referrer. Each row has a
 * unique key per (order, level), so the same event twice — or two workers racing — writes once.
 * Rows settle `refundDays` after payment. Returns how many rows this call wrote.
 * @example
 * await applyReferralOrderPaid(ctx, { orderId, customerId, amountCents: 5800, at: paidAt });
 */
export async function applyReferralOrderPaid(ctx: Ctx, event: TOrderPaid): Promise<{ created: number }> {
  return inTransaction(ctx, async (tctx) => {
    const binding = await getBinding(tctx, event.customerId);
    if (!binding) return { created: 0 };
    const programme = await loadProgramme(tctx);
    if (!programme.enabled || !inAttributionWindow(binding.boundAt, event.at, programme.attributionDays)) return { created: 0 };
    const levelOne = await getReferrerRow(tctx, binding.referrerId);
    // A disabled referrer earns nothing new, and neither does anyone above them for this order.
    if (levelOne?.status !== 'active' || levelOne.customerId === event.customerId) return { created: 0 };
    const levelTwo = programme.level2Enabled ? await levelTwoReferrer(tctx, levelOne, event.customerId) : null;
    const order = await getOrderLines(tctx, event.orderId);
    const result = computeCommission({
      amountCents: event.amountCents,
      items: order?.items ?? [],
      rules: programme.rules,
      levels: levelTwo ? 2 : 1,
      caps: { level1: programme.level1CapCents, level2: programme.level2CapCents },
    });
    const settleAfter = new Date(event.at.getTime() + programme.refundDays * DAY_MS);
    const rows = [
      { level: 1, referrer: levelOne, amount: result.level1, parts: result.parts.level1 },
      ...(levelTwo ? [{ level: 2, referrer: levelTwo, amount: result.level2, parts: result.parts.level2 }] : []),
    ].filter((r) => r.amount > 0);
    if (rows.length === 0) return { created: 0 };
    const written = await dbOf(tctx)
      .insert(referralLedger)
      .values(
        rows.map((r) => ({
          tenantId: tctx.actor.tenantId,
          idempotencyKey: commissionKey(event.orderId, r.level),
          referrerId: r.referrer.id,
          level: r.level,
          kind: 'commission',
          orderId: event.orderId,
          customerId: event.customerId,
          orderAmountCents: event.amountCents,
          amountCents: r.amount,
          state: 'pending',
          occurredAt: event.at,
          settleAfter,
          detail: { parts: r.parts, boundAt: binding.boundAt.toISOString(), viaReferrerId: r.level === 2 ? levelOne.id : null },
        })),
      )
      .onConflictDoNothing()
      .returning({ id: referralLedger.id });
    return { created: written.length };
  });
}
