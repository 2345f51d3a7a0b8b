import type { Ctx } from '../../context.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { getStaffRefs, getUnitNames } from '../org/lookups.ts';
import { canReopen, isOverdue, REOPEN_WINDOW_MS, type TGuideTaskStatus } from './task-rules.ts';
import type { TGuideTask } from './tasks.schemas.ts';
import type { guideTasks } from './tasks.tables.ts';

type TRow = typeof guideTasks.$inferSelect;

/** Task rows as the API shows them, with staff, store, customer and group names in a few queries. */
export async function toGuideTasks(ctx: Ctx, rows: TRow[]): Promise<TGuideTask[]> {
  const staffRefs = await getStaffRefs(
    ctx,
    rows.map((r) => r.staffId),
  );
  const [storeNames, customerNames, groups] = await Promise.all([
    getUnitNames(
      ctx,
      [...staffRefs.values()].flatMap((s) => (s.storeId ? [s.storeId] : [])),
    ),
    getCustomerNames(
      ctx,
      rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    ),
    getGroupRefsByIds(
      ctx,
      rows.flatMap((r) => (r.groupId ? [r.groupId] : [])),
    ),
  ]);
  const now = ctx.now();
  return rows.map((r) => {
    const staff = staffRefs.get(r.staffId);
    const storeId = staff?.storeId ?? null;
    const reopenable = canReopen(r, now) && r.completedAt;
    return {
      id: r.id,
      staffId: r.staffId,
      staffName: staff?.name ?? '',
      storeId,
      storeName: storeId ? (storeNames.get(storeId) ?? null) : null,
      kind: r.kind as TGuideTask['kind'],
      title: r.title,
      body: r.body,
      customerId: r.customerId,
      customerName: r.customerId ? (customerNames.get(r.customerId) ?? null) : null,
      groupId: r.groupId,
      groupName: r.groupId ? (groups.get(r.groupId)?.name ?? null) : null,
      content: r.content,
      sourceKey: r.sourceKey,
      dueAt: r.dueAt.toISOString(),
      status: r.status as TGuideTaskStatus,
      overdue: isOverdue(r, now),
      note: r.note,
      completedAt: r.completedAt?.toISOString() ?? null,
      reopenUntil: reopenable ? new Date(reopenable.getTime() + REOPEN_WINDOW_MS).toISOString() : null,
      remindedAt: r.remindedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
