import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { advisoryXactLock } from './advisory-lock.ts';
import { clawbackCents } from './commission-rules.ts';
import { clawbackKey, LEDGER_TRANSITIONS } from './ledger-states.ts';
import { referralLedger } from './referral.tables.ts';

export type TOrderRefunded = {
  orderId: number;
  // The amount refunded by this refund; the order's amount (or more) is a full refund.
  amountCents: number;
  at: Date;
};

type TLedgerRow = typeof referralLedger.$inferSelect;

/**
 * Takes back commissions on a refund (`order.refunded`) made inside the refund window, per level:
 *
 * - full refund, commission still pending → the commission and its pending clawbacks move to
 *   `reversed` (conditional update: `WHERE state = 'pending'`);
 * - full refund, commission already settled or paid (the refund happened in the window but was
 *   processed late) → a clawback row of minus what is left, which settles and is netted at payout;
 * - partial refund → a clawback row of minus the refunded share of the commission (rounded down,
 *   never more than what is left), pending like the commission.
 *
 * Refunds after the window change nothing (that is what the window is for). Clawback rows have a
 * unique key per (order, level, refund time), so the same event twice writes once.
 * @example
 * await applyReferralOrderRefunded(ctx, { orderId, amountCents: 5800, at: refundedAt });
 */
export async function applyReferralOrderRefunded(
  ctx: Ctx,
  event: TOrderRefunded,
): Promise<{ reversed: number; clawbacks: number }> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    // Refunds of one order are applied one at a time, each reading what the previous one wrote:
    // a duplicate event processed concurrently then finds the commission reversed, or its clawback.
    await advisoryXactLock(tctx, `referral:order:${tenantId}:${event.orderId}`);
    const rows = await db
      .select()
      .from(referralLedger)
      .where(and(eq(referralLedger.tenantId, tenantId), eq(referralLedger.orderId, event.orderId)))
      .orderBy(referralLedger.id);
    let reversed = 0;
    let clawbacks = 0;
    for (const commission of rows.filter((r) => r.kind === 'commission')) {
      if (commission.state === 'reversed' || event.at.getTime() >= commission.settleAfter.getTime()) continue;
      const sameLevel = rows.filter((r) => r.level === commission.level && r.state !== 'reversed');
      const left = sameLevel.reduce((sum, r) => sum + r.amountCents, 0);
      const full = event.amountCents >= commission.orderAmountCents;
      if (full) {
        const done = await db
          .update(referralLedger)
          .set({ state: LEDGER_TRANSITIONS.reverse.to, reversedAt: event.at })
          .where(
            and(
              eq(referralLedger.tenantId, tenantId),
              eq(referralLedger.id, commission.id),
              eq(referralLedger.state, LEDGER_TRANSITIONS.reverse.from),
            ),
          )
          .returning({ id: referralLedger.id });
        if (done.length > 0) {
          // The commission is gone; so are the partial clawbacks that were waiting with it.
          const also = await db
            .update(referralLedger)
            .set({ state: LEDGER_TRANSITIONS.reverse.to, reversedAt: event.at })
            .where(
              and(
                eq(referralLedger.tenantId, tenantId),
                eq(referralLedger.orderId, event.orderId),
                eq(referralLedger.level, commission.level),
                eq(referralLedger.kind, 'clawback'),
                eq(referralLedger.state, LEDGER_TRANSITIONS.reverse.from),
              ),
            )
            .returning({ id: referralLedger.id });
          reversed += 1 + also.length;
          continue;
        }
        if (left > 0 && (await insertClawback(tctx, commission, -left, event, true))) clawbacks++;
        continue;
      }
      const amount = Math.min(clawbackCents(commission.amountCents, event.amountCents, commission.orderAmountCents), left);
      if (amount > 0 && (await insertClawback(tctx, commission, -amount, event, false))) clawbacks++;
    }
    return { reversed, clawbacks };
  });
}

async function insertClawback(
  ctx: Ctx,
  commission: TLedgerRow,
  amountCents: number,
  event: TOrderRefunded,
  full: boolean,
): Promise<boolean> {
  const written = await dbOf(ctx)
    .insert(referralLedger)
    .values({
      tenantId: ctx.actor.tenantId,
      idempotencyKey: clawbackKey(event.orderId, commission.level, event.at),
      referrerId: commission.referrerId,
      level: commission.level,
      kind: 'clawback',
      orderId: event.orderId,
      customerId: commission.customerId,
      orderAmountCents: commission.orderAmountCents,
      amountCents,
      state: 'pending',
      occurredAt: event.at,
      // Settles with the commission it corrects (at once if that already settled).
      settleAfter: commission.settleAfter,
      detail: { refundCents: event.amountCents, full, commissionId: commission.id },
    })
    .onConflictDoNothing()
    .returning({ id: referralLedger.id });
  return written.length > 0;
}
