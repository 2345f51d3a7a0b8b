import { and, count, eq, gte, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customerScopeCondition } from './customer-scope.ts';
import { customers, follows } from './customers.tables.ts';

/** Customers (not deleted) in scope, those created since `since`, and follows in relation. */
export async function countCustomers(ctx: Ctx, options: { since: Date }) {
  const scope = await customerScopeCondition(ctx, customers.id);
  const [row] = await dbOf(ctx)
    .select({ n: count(), recent: sql<string>`count(*) filter (where ${gte(customers.createdAt, options.since)})` })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), isNull(customers.deletedAt), scope));
  const followScope = await customerScopeCondition(ctx, follows.customerId);
  const [f] = await dbOf(ctx)
    .select({ n: count() })
    .from(follows)
    .where(and(eq(follows.tenantId, ctx.actor.tenantId), isNull(follows.deletedAt), followScope));
  return { customers: row?.n ?? 0, newSince: Number(row?.recent ?? 0), activeFollows: f?.n ?? 0 };
}
