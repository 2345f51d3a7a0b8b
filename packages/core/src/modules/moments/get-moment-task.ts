import { and, asc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { assertRole } from '../access/assert-role.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import type { TMomentTaskDetail } from './moments.schemas.ts';
import { momentTaskStaff } from './moments.tables.ts';
import { loadMomentTaskRow, toMomentTask } from './to-moment-task.ts';

/** A moments task with each target staff member's status (a store manager sees their store's staff). */
export async function getMomentTask(ctx: Ctx, id: number): Promise<TMomentTaskDetail> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view moments tasks');
  const row = await loadMomentTaskRow(ctx, id);
  const where = [eq(momentTaskStaff.tenantId, ctx.actor.tenantId), eq(momentTaskStaff.taskId, id)];
  if (ctx.actor.role === 'store_manager') where.push(eq(momentTaskStaff.storeId, ctx.actor.storeId ?? -1));
  const staff = await dbOf(ctx)
    .select()
    .from(momentTaskStaff)
    .where(and(...where))
    .orderBy(asc(momentTaskStaff.storeId), asc(momentTaskStaff.staffId));
  const [names, stores] = await Promise.all([
    getStaffNames(
      ctx,
      staff.map((s) => s.staffId),
    ),
    getUnitNames(
      ctx,
      staff.flatMap((s) => (s.storeId ? [s.storeId] : [])),
    ),
  ]);
  return {
    ...toMomentTask(row),
    staff: staff.map((s) => ({
      staffId: s.staffId,
      name: names.get(s.staffId) ?? null,
      storeId: s.storeId,
      storeName: s.storeId ? (stores.get(s.storeId) ?? null) : null,
      published: s.published,
      publishedAt: s.publishedAt?.toISOString() ?? null,
      guideTaskId: s.guideTaskId,
    })),
  };
}
