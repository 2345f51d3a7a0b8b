import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { customers } from './customers.tables.ts';

export type TEnsureCustomerInput = {
  externalUserId: string;
  // Unknown when the first event about the customer carries no profile (a deletion, a group message):
  // the external id stands in until an add event brings the name.
  name?: string;
  avatar?: string;
  gender?: number;
  unionId?: string;
  storeId?: number | null;
  // 'wecom' | 'sim'
  source: string;
  at?: Date;
};

/**
 * The customer with this WeCom external_userid, created (with a `customer.created` timeline event)
 * when Pond has not seen them before. Safe under concurrency: two events about a new customer
 * create one row. Runs in the caller's transaction.
 * @example
 * const { id, created } = await ensureCustomerByExternalId(ctx, { externalUserId: 'wm…', name: '陈静', source: 'wecom' });
 */
export async function ensureCustomerByExternalId(
  ctx: Ctx,
  input: TEnsureCustomerInput,
): Promise<{ id: number; name: string; storeId: number | null; created: boolean }> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const [inserted] = await db
    .insert(customers)
    .values({
      tenantId,
      externalUserId: input.externalUserId,
      name: input.name ?? input.externalUserId,
      avatar: input.avatar ?? null,
      gender: input.gender ?? 0,
      unionId: input.unionId ?? null,
      storeId: input.storeId ?? null,
      source: input.source,
    })
    .onConflictDoNothing()
    .returning({ id: customers.id, name: customers.name, storeId: customers.storeId });
  if (inserted) {
    await appendCustomerEvents(ctx, [
      {
        customerId: inserted.id,
        type: 'customer.created',
        occurredAt: input.at,
        actorType: 'system',
        data: { source: input.source, externalUserId: input.externalUserId },
      },
    ]);
    return { ...inserted, created: true };
  }
  const where = and(eq(customers.tenantId, tenantId), eq(customers.externalUserId, input.externalUserId));
  const [existing] = await db
    .select({ id: customers.id, name: customers.name, storeId: customers.storeId })
    .from(customers)
    .where(where);
  if (!existing) throw new Error(`customer ${input.externalUserId} neither inserted nor found`);
  if (input.name && existing.name === input.externalUserId && input.name !== existing.name) {
    await db.update(customers).set({ name: input.name, updatedAt: ctx.now() }).where(where);
    return { ...existing, name: input.name, created: false };
  }
  return { ...existing, created: false };
}
