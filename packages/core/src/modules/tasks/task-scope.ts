import { eq, inArray, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { getStoreStaffIds } from '../org/lookups.ts';
import { guideTasks } from './tasks.tables.ts';

/**
 * The data scope on guide tasks: HQ roles see the tenant's tasks, a store manager those of the
 * store's staff, a guide their own. Tasks outside it answer 404 like missing ones.
 */
export async function taskScopeCondition(ctx: Ctx): Promise<SQL | undefined> {
  const { actor } = ctx;
  if (actor.role === 'guide') return eq(guideTasks.staffId, actor.staffId ?? -1);
  if (actor.role === 'store_manager') {
    const staffIds = await getStoreStaffIds(ctx, actor.storeId ?? -1);
    return inArray(guideTasks.staffId, staffIds.length ? staffIds : [-1]);
  }
  return undefined;
}

/** Whether the actor may give a task to (or look at the tasks of) staff member `staff`. */
export function staffInScope(ctx: Ctx, staff: { id: number; storeId: number | null }): boolean {
  const { actor } = ctx;
  if (actor.role === 'guide') return staff.id === actor.staffId;
  if (actor.role === 'store_manager') return staff.storeId !== null && staff.storeId === actor.storeId;
  return true;
}
