import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { LEDGER_TRANSITIONS } from './ledger-states.ts';
import type { TMarkPaid } from './referral.schemas.ts';
import { referralLedger } from './referral.tables.ts';

const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

/**
 * Marks settled ledger rows paid, as one batch (admins and operators): a conditional update
 * (`WHERE state = 'settled'`), so a row is paid once however often it is sent. The operator
 * confirms the total they saw; when the settled rows among `ids` add up to anything else (someone
 * paid some meanwhile, or the selection is stale) nothing changes. Audited with the ids and total.
 * @example
 * await markCommissionsPaid(ctx, { ids: [3, 4], confirmTotalCents: 1250, reference: 'TX-20260601-01' });
 */
export async function markCommissionsPaid(
  ctx: Ctx,
  input: TMarkPaid,
): Promise<{ paid: number; totalCents: number; skippedIds: number[] }> {
  assertRole(ctx.actor, ['admin', 'operator'], 'mark commissions paid');
  const ids = [...new Set(input.ids)];
  return inTransaction(ctx, async (tctx) => {
    const now = tctx.now();
    const rows = await dbOf(tctx)
      .update(referralLedger)
      .set({
        state: LEDGER_TRANSITIONS.pay.to,
        paidAt: now,
        paidBy: tctx.actor.name,
        payoutRef: input.reference || null,
      })
      .where(
        and(
          eq(referralLedger.tenantId, tctx.actor.tenantId),
          inArray(referralLedger.id, ids),
          eq(referralLedger.state, LEDGER_TRANSITIONS.pay.from),
        ),
      )
      .returning({ id: referralLedger.id, amountCents: referralLedger.amountCents, referrerId: referralLedger.referrerId });
    const totalCents = rows.reduce((sum, r) => sum + r.amountCents, 0);
    if (rows.length === 0) {
      throw new AppError(
        'CONFLICT',
        'None of the selected entries is settled and unpaid. Refresh the list and select settled entries.',
      );
    }
    if (totalCents !== input.confirmTotalCents) {
      // Throwing rolls the update back: nothing is marked.
      throw new AppError(
        'CONFLICT',
        `The settled entries selected add up to ${yuan(totalCents)}, not the ${yuan(input.confirmTotalCents)} confirmed. Refresh the list and confirm again.`,
        { totalCents, paid: rows.length },
      );
    }
    const paidIds = new Set(rows.map((r) => r.id));
    await recordAudit(tctx, {
      action: 'referral.commissions.paid',
      targetType: 'referral_ledger',
      details: {
        count: rows.length,
        totalCents,
        reference: input.reference ?? null,
        ids: rows.map((r) => r.id).slice(0, 500),
        referrerIds: [...new Set(rows.map((r) => r.referrerId))],
      },
    });
    return { paid: rows.length, totalCents, skippedIds: ids.filter((id) => !paidIds.has(id)) };
  });
}
