import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { customers } from './customers.tables.ts';

/**
 * Gives a customer who has none (an imported customer) the WeCom external_userid they got on
 * adding a staff member; a customer who already has one keeps it, and that one is returned.
 */
export async function assignExternalUserId(ctx: Ctx, customerId: number, externalUserId: string): Promise<string> {
  const db = dbOf(ctx);
  const where = and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.id, customerId));
  const [assigned] = await db
    .update(customers)
    .set({ externalUserId, updatedAt: ctx.now() })
    .where(and(where, isNull(customers.externalUserId)))
    .returning({ externalUserId: customers.externalUserId });
  if (assigned?.externalUserId) return assigned.externalUserId;
  const [current] = await db.select({ externalUserId: customers.externalUserId }).from(customers).where(where);
  if (!current?.externalUserId) throw notFound('Customer', customerId);
  return current.externalUserId;
}
