import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { getStoreStaffIds } from '../org/lookups.ts';
import { referrers } from './referral.tables.ts';

/**
 * The data scope on referrers, as a condition on the `referrers` table: HQ roles see every
 * referrer; a store manager the store's staff and the customers of their store; a guide themself
 * and their own customers. Ledger and referral lists join referrers and apply it.
 */
export async function referrerScopeCondition(ctx: Ctx): Promise<SQL | undefined> {
  const { actor } = ctx;
  if (actor.role !== 'guide' && actor.role !== 'store_manager') return undefined;
  const customers = await customerScopeCondition(ctx, referrers.customerId);
  const staffIds = actor.role === 'guide' ? [actor.staffId ?? -1] : await getStoreStaffIds(ctx, actor.storeId ?? -1);
  const staff = staffIds.length ? inArray(referrers.staffId, staffIds) : sql`false`;
  return or(staff, and(eq(referrers.kind, 'customer'), customers));
}

/** Whether the referrer exists in the tenant and the actor may see it. */
export async function isReferrerVisible(ctx: Ctx, referrerId: number): Promise<boolean> {
  const [row] = await dbOf(ctx)
    .select({ id: referrers.id })
    .from(referrers)
    .where(and(eq(referrers.tenantId, ctx.actor.tenantId), eq(referrers.id, referrerId), await referrerScopeCondition(ctx)));
  return Boolean(row);
}
