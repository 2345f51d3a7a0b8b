import type { Ctx } from '../../context.ts';
import { countStaffFollows } from '../customers/staff-customers.ts';
import { getOrderKpis } from '../orders/order-kpis.ts';
import { getTaskStats } from '../tasks/get-task-stats.ts';
import { localMonthWindow, localWeekWindow } from '../tasks/task-rules.ts';
import type { TWorkbenchStats } from './workbench.schemas.ts';
import { workbenchActor } from './workbench-actor.ts';

/**
 * 我的数据: the guide's own numbers — customers in relation now; follows added and ended this week
 * (Monday–Sunday, Asia/Shanghai); tasks due this week and their completion rate (done ÷ tasks
 * due so far); GMV, paid orders, purchasing customers and AOV this calendar month over the
 * customers in relation with them (PRODUCT.md definitions).
 */
export async function getGuideStats(ctx: Ctx, staffId?: number): Promise<TWorkbenchStats> {
  const who = await workbenchActor(ctx, staffId);
  const now = ctx.now();
  const week = localWeekWindow(now);
  const month = localMonthWindow(now);
  const follows = await countStaffFollows(who.ctx, { staffId: who.staff.id, ...week });
  const tasks = await getTaskStats(who.ctx, { from: week.from.toISOString(), to: week.to.toISOString() });
  const kpis = await getOrderKpis(who.ctx, month);
  return {
    staff: { id: who.staff.id, name: who.staff.name, storeId: who.staff.storeId },
    week: { from: week.from.toISOString(), to: week.to.toISOString() },
    month: { from: month.from.toISOString(), to: month.to.toISOString() },
    customers: follows.active,
    newThisWeek: follows.added,
    deletedThisWeek: follows.deleted,
    tasksThisWeek: {
      total: tasks.totals.total,
      done: tasks.totals.done,
      overdue: tasks.totals.overdue,
      completionRate: tasks.totals.completionRate,
    },
    ordersThisMonth: {
      gmvCents: kpis.gmvCents,
      paidOrders: kpis.paidOrders,
      purchasingCustomers: kpis.purchasingCustomers,
      aovCents: kpis.aovCents,
    },
  };
}
