import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customers } from './customers.tables.ts';

/** id → name for customers of the actor's tenant (no scope check: callers have checked the parent). */
export async function getCustomerNames(ctx: Ctx, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), inArray(customers.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
