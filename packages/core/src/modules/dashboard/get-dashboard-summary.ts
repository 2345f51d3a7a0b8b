import { z } from '@hono/zod-openapi';
import type { Ctx } from '../../context.ts';
import { countCustomers } from '../customers/customer-counts.ts';
import { countGroupsAndMembers } from '../groups/group-queries.ts';
import { getOrderKpis } from '../orders/order-kpis.ts';
import { listOrgUnits } from '../org/manage-org-units.ts';
import { listStaff } from '../org/manage-staff.ts';

export const ZDashboardSummary = z
  .object({
    customers: z.number().int(),
    newCustomers7d: z.number().int(),
    activeFollows: z.number().int(),
    groups: z.number().int(),
    groupMembers: z.number().int(),
    staff: z.number().int(),
    stores: z.number().int(),
    orders30d: z.number().int(),
    gmv30dCents: z.number().int(),
    aov30dCents: z.number().int(),
    repurchaseRate90d: z.number(),
    purchaseFrequency90d: z.number(),
  })
  .openapi('DashboardSummary');
export type TDashboardSummary = z.infer<typeof ZDashboardSummary>;

const DAY = 24 * 3600 * 1000;

/** The home page's numbers, within the actor's data scope (an orchestrator over the modules). */
export async function getDashboardSummary(ctx: Ctx): Promise<TDashboardSummary> {
  const now = ctx.now();
  const [counts, groups, staffPage, units, k30, k90] = await Promise.all([
    countCustomers(ctx, { since: new Date(now.getTime() - 7 * DAY) }),
    countGroupsAndMembers(ctx),
    listStaff(ctx, { page: 1, pageSize: 1, status: 'active' }),
    listOrgUnits(ctx),
    getOrderKpis(ctx, { from: new Date(now.getTime() - 30 * DAY), to: now }),
    getOrderKpis(ctx, { from: new Date(now.getTime() - 90 * DAY), to: now }),
  ]);
  return {
    customers: counts.customers,
    newCustomers7d: counts.newSince,
    activeFollows: counts.activeFollows,
    groups: groups.groups,
    groupMembers: groups.members,
    staff: staffPage.total,
    stores: units.items.filter(
      (u) => u.kind === 'store' && u.status === 'open' && (!ctx.actor.storeId || u.id === ctx.actor.storeId),
    ).length,
    orders30d: k30.paidOrders,
    gmv30dCents: k30.gmvCents,
    aov30dCents: k30.aovCents,
    repurchaseRate90d: k90.repurchaseRate,
    purchaseFrequency90d: k90.purchaseFrequency,
  };
}
