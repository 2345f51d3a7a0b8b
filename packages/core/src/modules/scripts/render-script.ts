import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { getServingStaff } from '../customers/serving-staff.ts';
import { renderVariables, type TContentVars } from '../materials/content-ref.ts';
import { getStaffById, getUnitNames } from '../org/lookups.ts';
import { getScript } from './manage-scripts.ts';
import type { TRenderedScript } from './scripts.schemas.ts';
import { scripts } from './scripts.tables.ts';

/**
 * The variables for a send by the actor to a customer: the customer's name, the staff member (the
 * acting guide, else the customer's serving staff) and the store (the staff member's, else the
 * customer's home store). The customer must be in the actor's scope.
 */
export async function contentVarsFor(ctx: Ctx, customerId?: number): Promise<TContentVars> {
  const customer = customerId ? await assertCustomerVisible(ctx, customerId) : null;
  let staffId = ctx.actor.staffId;
  if (!staffId && customer) staffId = (await getServingStaff(ctx, [customer.id])).get(customer.id)?.staffId ?? null;
  const member = staffId ? await getStaffById(ctx, staffId) : null;
  const storeId = member?.storeId ?? customer?.storeId ?? ctx.actor.storeId ?? null;
  const storeName = storeId ? ((await getUnitNames(ctx, [storeId])).get(storeId) ?? '') : '';
  return { customer_name: customer?.name ?? '', staff_name: member?.name ?? '', store_name: storeName, group_name: '' };
}

/** A script's text with the variables filled for a customer (or the actor alone): what the guide copies or sends. */
export async function renderScript(ctx: Ctx, id: number, input: { customerId?: number }): Promise<TRenderedScript> {
  const script = await getScript(ctx, id);
  const vars = await contentVarsFor(ctx, input.customerId);
  const variables = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v ?? '']));
  return { id: script.id, text: renderVariables(script.body, vars), materialIds: script.materialIds, variables };
}

/** Counts one send of a script by a guide (the workbench calls it after the guide sends). */
export async function markScriptUsed(ctx: Ctx, id: number): Promise<{ usageCount: number }> {
  await getScript(ctx, id);
  const [row] = await dbOf(ctx)
    .update(scripts)
    .set({ usageCount: sql`${scripts.usageCount} + 1` })
    .where(and(eq(scripts.tenantId, ctx.actor.tenantId), eq(scripts.id, id)))
    .returning({ usageCount: scripts.usageCount });
  if (!row) throw notFound('Script', id);
  return row;
}
