import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { unitExists } from '../org/lookups.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import { assertCustomerVisible } from './customer-scope.ts';
import {
  type TCreateCustomerRequest,
  type TCustomerDetail,
  type TUpdateCustomerRequest,
  ZCreateCustomerRequest,
} from './customers.schemas.ts';
import { customers } from './customers.tables.ts';
import { getCustomer } from './get-customer.ts';
import { validateAttrs } from './manage-customer-fields.ts';

/**
 * Creates a customer (manual entry or API). Guides may not create unattached customers; store
 * managers create in their own store.
 */
export async function createCustomer(ctx: Ctx, raw: TCreateCustomerRequest): Promise<TCustomerDetail> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'create customers');
  const input = ZCreateCustomerRequest.parse(raw);
  const storeId = ctx.actor.role === 'store_manager' ? (input.storeId ?? ctx.actor.storeId) : (input.storeId ?? null);
  if (ctx.actor.role === 'store_manager' && storeId !== ctx.actor.storeId) {
    throw new AppError('FORBIDDEN', 'Store managers create customers in their own store.');
  }
  if (storeId && !(await unitExists(ctx, storeId, 'store'))) throw notFound('Store', storeId);
  const id = await inTransaction(ctx, async (tctx) => {
    const attrs = await validateAttrs(tctx, input.attrs);
    try {
      const [row] = await dbOf(tctx)
        .insert(customers)
        .values({
          tenantId: ctx.actor.tenantId,
          name: input.name,
          gender: input.gender,
          storeId,
          attrs,
          externalUserId: input.externalUserId ?? null,
          phoneEnc: input.phone ? ctx.sealer.seal(input.phone) : null,
          phoneHash: input.phone ? ctx.sealer.blindIndex(input.phone) : null,
          source: 'api',
        })
        .returning({ id: customers.id });
      if (!row) throw new AppError('INTERNAL', 'Customer not created.');
      await appendCustomerEvents(tctx, [{ customerId: row.id, type: 'customer.created', data: { source: 'api' } }]);
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('CONFLICT', 'A customer with this external user id exists. Open that customer instead.');
      throw error;
    }
  });
  return getCustomer(ctx, id);
}

/** Updates profile fields; changes are listed on the timeline (phone changes without the number). */
export async function updateCustomer(ctx: Ctx, id: number, input: TUpdateCustomerRequest): Promise<TCustomerDetail> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager', 'guide'], 'edit customers');
  await inTransaction(ctx, async (tctx) => {
    await assertCustomerVisible(tctx, id);
    if (input.storeId && !(await unitExists(tctx, input.storeId, 'store'))) throw notFound('Store', input.storeId);
    const attrs = input.attrs ? await validateAttrs(tctx, input.attrs) : undefined;
    const set: Partial<typeof customers.$inferInsert> = { updatedAt: ctx.now() };
    if (input.name !== undefined) set.name = input.name;
    if (input.gender !== undefined) set.gender = input.gender;
    if (input.storeId !== undefined) set.storeId = input.storeId;
    if (input.phone !== undefined) {
      set.phoneEnc = input.phone ? ctx.sealer.seal(input.phone) : null;
      set.phoneHash = input.phone ? ctx.sealer.blindIndex(input.phone) : null;
    }
    const db = dbOf(tctx);
    await db
      .update(customers)
      .set({ ...set, ...(attrs ? { attrs: sql`${customers.attrs} || ${JSON.stringify(attrs)}::jsonb` } : {}) })
      .where(and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.id, id)));
    const changed = Object.keys(input).filter((k) => k !== 'attrs');
    if (attrs) changed.push(...Object.keys(attrs).map((k) => `attrs.${k}`));
    if (changed.length)
      await appendCustomerEvents(tctx, [{ customerId: id, type: 'customer.updated', data: { fields: changed } }]);
  });
  return getCustomer(ctx, id);
}
