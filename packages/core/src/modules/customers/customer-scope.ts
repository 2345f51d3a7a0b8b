import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { getStoreStaffIds } from '../org/lookups.ts';
import { customers, follows } from './customers.tables.ts';

/**
 * The data scope on customers, as a condition on a customer id column (so other modules can use
 * it in their own queries): HQ roles see the tenant; a store manager the customers of their store
 * (home store, or in relation with one of its staff); a guide the customers in relation with them.
 */
// Aliases, so that the subqueries never bind to the outer query's own customers/follows table.
const sf = alias(follows, 'scope_f');
const sc = alias(customers, 'scope_c');

export async function customerScopeCondition(ctx: Ctx, customerId: AnyPgColumn): Promise<SQL | undefined> {
  const { actor } = ctx;
  const t = actor.tenantId;
  if (actor.role === 'guide') {
    return sql`exists (select 1 from ${follows} as ${sf} where ${sf.tenantId} = ${t} and ${sf.customerId} = ${customerId} and ${sf.staffId} = ${actor.staffId ?? -1} and ${sf.deletedAt} is null)`;
  }
  if (actor.role === 'store_manager') {
    const staffIds = await getStoreStaffIds(ctx, actor.storeId ?? -1);
    const viaStaff = staffIds.length
      ? sql`exists (select 1 from ${follows} as ${sf} where ${sf.tenantId} = ${t} and ${sf.customerId} = ${customerId} and ${sf.staffId} in (${sql.join(
          staffIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and ${sf.deletedAt} is null)`
      : sql`false`;
    return sql`(${viaStaff} or exists (select 1 from ${customers} as ${sc} where ${sc.tenantId} = ${t} and ${sc.id} = ${customerId} and ${sc.storeId} = ${actor.storeId ?? -1}))`;
  }
  return undefined;
}

/** Throws NOT_FOUND unless the customer exists in the tenant, is visible to the actor, and (by default) not deleted. */
export async function assertCustomerVisible(ctx: Ctx, customerId: number, options: { allowDeleted?: boolean } = {}) {
  const where: (SQL | undefined)[] = [
    eq(customers.tenantId, ctx.actor.tenantId),
    eq(customers.id, customerId),
    await customerScopeCondition(ctx, customers.id),
  ];
  if (!options.allowDeleted) where.push(isNull(customers.deletedAt));
  const [row] = await dbOf(ctx)
    .select({ id: customers.id, name: customers.name, externalUserId: customers.externalUserId, storeId: customers.storeId })
    .from(customers)
    .where(and(...where));
  // Out-of-scope customers look exactly like missing ones, so ids cannot be probed.
  if (!row) throw notFound('Customer', customerId);
  return row;
}
