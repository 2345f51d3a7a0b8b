import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customers, follows } from './customers.tables.ts';

export type TServingStaff = { customerId: number; staffId: number; externalUserId: string };

/**
 * Who can message each customer privately now: the staff member of their most recent current
 * follow, with the customer's external_userid. Customers with no current follow (or no WeCom id)
 * are left out. No data scope: for system jobs (reminders, progress messages).
 * @example
 * const byCustomer = await getServingStaff(ctx, [12, 13]); // Map { 12 → { staffId: 3, externalUserId: 'wm…' } }
 */
export async function getServingStaff(ctx: Ctx, customerIds: readonly number[]): Promise<Map<number, TServingStaff>> {
  const unique = [...new Set(customerIds)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .selectDistinctOn([follows.customerId], {
      customerId: follows.customerId,
      staffId: follows.staffId,
      externalUserId: customers.externalUserId,
    })
    .from(follows)
    .innerJoin(customers, and(eq(customers.tenantId, follows.tenantId), eq(customers.id, follows.customerId)))
    .where(
      and(
        eq(follows.tenantId, ctx.actor.tenantId),
        inArray(follows.customerId, unique),
        isNull(follows.deletedAt),
        isNull(customers.deletedAt),
        isNotNull(customers.externalUserId),
      ),
    )
    .orderBy(asc(follows.customerId), desc(follows.addedAt), asc(follows.staffId));
  return new Map(
    rows.flatMap((r) => (r.externalUserId ? [[r.customerId, { ...r, externalUserId: r.externalUserId }] as const] : [])),
  );
}
