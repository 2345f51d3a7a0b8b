import type { Ctx } from '../../context.ts';
import { getCustomer, listCustomerTimeline } from '../customers/get-customer.ts';
import { listOrders } from '../orders/list-orders.ts';
import { listGuideTasks } from '../tasks/list-guide-tasks.ts';
import type { TWorkbenchCustomerDetail } from './workbench.schemas.ts';
import { assertWorkbenchRole, workbenchActor } from './workbench-actor.ts';

/**
 * One of the guide's customers for the sidebar: tags, follows (with this guide's remark), groups,
 * the last 10 orders with totals, the last 30 timeline events and the guide's open tasks about
 * them. Customers not in relation with the guide answer 404. Managers and HQ preview with
 * `staffId`, or without it see the customer in their own scope.
 */
export async function getWorkbenchCustomer(ctx: Ctx, customerId: number, staffId?: number): Promise<TWorkbenchCustomerDetail> {
  // A manager or HQ without `staffId` looks at the customer in their own scope (no guide's remark).
  const who = ctx.actor.role === 'guide' || staffId ? await workbenchActor(ctx, staffId) : null;
  if (!who) assertWorkbenchRole(ctx);
  const c = who?.ctx ?? ctx;
  const customer = await getCustomer(c, customerId);
  const [orders, timeline, tasks] = await Promise.all([
    listOrders(c, { page: 1, pageSize: 10, customerId }),
    listCustomerTimeline(c, customerId, { page: 1, pageSize: 30 }),
    listGuideTasks(c, { page: 1, pageSize: 50, customerId, staffId: who?.staff.id, status: 'open' }),
  ]);
  const follow = who ? customer.follows.find((f) => f.staffId === who.staff.id && f.deletedAt === null) : undefined;
  return {
    customer,
    remark: follow?.remark ?? null,
    orders: {
      recent: orders.items,
      count: customer.orderCount,
      totalSpentCents: customer.totalSpentCents,
      lastOrderAt: customer.lastOrderAt,
    },
    timeline: timeline.items,
    openTasks: tasks.items,
  };
}
