import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import type { TReviewReward } from './rewards.schemas.ts';
import { rewardGrants } from './rewards.tables.ts';

/**
 * Holds a granted reward for review (e.g. the invited friend deleted within the campaign's window):
 * nothing is clawed back silently; an operator decides. Flagging twice, or a grant already
 * reviewed, changes nothing. Runs in the caller's transaction.
 */
export async function flagReward(ctx: Ctx, grantId: number, reason: string): Promise<boolean> {
  const [flagged] = await dbOf(ctx)
    .update(rewardGrants)
    .set({ status: 'flagged', reason, updatedAt: ctx.now() })
    .where(
      and(
        eq(rewardGrants.tenantId, ctx.actor.tenantId),
        eq(rewardGrants.id, grantId),
        inArray(rewardGrants.status, ['granted', 'fulfilled']),
        // Once reviewed and kept, a grant is not flagged again.
        isNull(rewardGrants.reviewedBy),
      ),
    )
    .returning({ id: rewardGrants.id });
  return Boolean(flagged);
}

/** An operator keeps or revokes a flagged reward; audited, and on the customer's timeline. */
export async function reviewReward(ctx: Ctx, grantId: number, input: TReviewReward): Promise<void> {
  assertRole(ctx.actor, ['admin', 'operator'], 'review rewards');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const where = and(eq(rewardGrants.tenantId, tctx.actor.tenantId), eq(rewardGrants.id, grantId));
    const [grant] = await db.select().from(rewardGrants).where(where).for('update');
    if (!grant) throw notFound('Reward', grantId);
    if (grant.status !== 'flagged') {
      throw new AppError('CONFLICT', `Reward ${grantId} is ${grant.status}, not waiting for review.`);
    }
    const status = input.decision === 'keep' ? 'granted' : 'revoked';
    await db
      .update(rewardGrants)
      .set({
        status,
        reason: input.note ? `${grant.reason ?? ''} — ${input.note}`.replace(/^ — /, '') : grant.reason,
        reviewedBy: tctx.actor.name,
        updatedAt: tctx.now(),
      })
      .where(where);
    await recordAudit(tctx, {
      action: `reward.${input.decision}`,
      targetType: 'reward',
      targetId: grantId,
      details: { customerId: grant.customerId, name: grant.name, note: input.note ?? null },
    });
    await appendCustomerEvents(tctx, [
      { customerId: grant.customerId, type: `reward.${status}`, data: { grantId, name: grant.name } },
    ]);
  });
}
