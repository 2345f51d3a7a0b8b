import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { listReferrers } from './list-referrers.ts';
import type { TCreateReferrer, TReferrer } from './referral.schemas.ts';
import { referrers } from './referral.tables.ts';
import { isReferrerVisible } from './referral-scope.ts';
import { ensureReferrer, referrerLink } from './referrers.ts';

async function getReferrer(ctx: Ctx, id: number): Promise<TReferrer> {
  const page = await listReferrers(ctx, { page: 1, pageSize: 1, referrerId: id, sort: 'newest' });
  const item = page.items[0];
  if (!item) throw notFound('Referrer', id);
  return item;
}

/**
 * Makes a customer or staff member a referrer (admins and operators), with their link; returns the
 * existing referrer when they already are one.
 */
export async function createReferrer(ctx: Ctx, input: TCreateReferrer): Promise<TReferrer> {
  assertRole(ctx.actor, ['admin', 'operator'], 'add referrers');
  if (input.kind === 'customer') await assertCustomerVisible(ctx, input.customerId ?? 0);
  const row =
    input.kind === 'customer'
      ? await ensureReferrer(ctx, { kind: 'customer', customerId: input.customerId ?? 0 })
      : await ensureReferrer(ctx, { kind: 'staff', staffId: input.staffId ?? 0 });
  await referrerLink(ctx, row.id);
  return getReferrer(ctx, row.id);
}

/** Enables or disables a referrer (a disabled one binds no one and earns nothing new); audited. */
export async function updateReferrerStatus(ctx: Ctx, id: number, status: 'active' | 'disabled'): Promise<TReferrer> {
  assertRole(ctx.actor, ['admin', 'operator'], 'enable or disable referrers');
  if (!(await isReferrerVisible(ctx, id))) throw notFound('Referrer', id);
  await inTransaction(ctx, async (tctx) => {
    const [changed] = await dbOf(tctx)
      .update(referrers)
      .set({ status, updatedAt: tctx.now() })
      .where(and(eq(referrers.tenantId, tctx.actor.tenantId), eq(referrers.id, id)))
      .returning({ id: referrers.id, name: referrers.name });
    if (!changed) throw notFound('Referrer', id);
    await recordAudit(tctx, {
      action: `referral.referrer.${status}`,
      targetType: 'referrer',
      targetId: id,
      details: { name: changed.name },
    });
  });
  return getReferrer(ctx, id);
}
