import type { Ctx } from '../../context.ts';
import type { TAudienceExpression } from './audience-expression.ts';
import { evaluateAudience } from './evaluate-audience.ts';
import { loadAudienceCustomers } from './load-audience-customers.ts';

// The audience engine's API: every module that needs "who is in this audience" calls these three.
// Scope is the actor's data scope (a system actor sees the tenant). Deleted customers are left out
// unless `includeDeleted`.
//
// PLACEHOLDER IMPLEMENTATION: evaluates with the naive loader. The audiences helper replaces the
// bodies with the fast engine (bitmaps kept exact by the change log) without changing signatures.

export type TAudienceRunOptions = { includeDeleted?: boolean };

/** How many customers the actor may see are in the audience. */
export async function countAudienceMembers(
  ctx: Ctx,
  expr: TAudienceExpression,
  options: TAudienceRunOptions = {},
): Promise<number> {
  return (await listAudienceMembers(ctx, expr, options)).length;
}

/** The customer ids of the audience within the actor's scope, ascending. */
export async function listAudienceMembers(
  ctx: Ctx,
  expr: TAudienceExpression,
  options: TAudienceRunOptions = {},
): Promise<number[]> {
  const { customers, context } = await loadAudienceCustomers(ctx);
  const c = { ...context, includeDeleted: options.includeDeleted ?? false };
  return customers.filter((x) => evaluateAudience(expr, x, c)).map((x) => Number(x.id));
}

/** Whether one customer is in the audience now (automation conditions). */
export async function customerInAudience(
  ctx: Ctx,
  expr: TAudienceExpression,
  customerId: number,
  options: TAudienceRunOptions = {},
): Promise<boolean> {
  const { customers, context } = await loadAudienceCustomers(ctx, { customerIds: [customerId] });
  const one = customers[0];
  return one !== undefined && evaluateAudience(expr, one, { ...context, includeDeleted: options.includeDeleted ?? false });
}
