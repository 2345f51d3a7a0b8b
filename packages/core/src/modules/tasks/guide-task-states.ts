import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { guideTasks } from './tasks.tables.ts';

export type TGuideTaskState = {
  id: number;
  staffId: number;
  status: 'open' | 'done' | 'skipped' | 'expired';
  completedAt: Date | null;
  remindedAt: Date | null;
};

/**
 * Where guide tasks stand (missing ids are absent), for modules that track completion of the tasks
 * they created (SOP progress, moments).
 * @example
 * const states = await getGuideTaskStates(ctx, [12, 13]); // Map { 12 → { status: 'done', … } }
 */
export async function getGuideTaskStates(ctx: Ctx, ids: readonly number[]): Promise<Map<number, TGuideTaskState>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({
      id: guideTasks.id,
      staffId: guideTasks.staffId,
      status: guideTasks.status,
      completedAt: guideTasks.completedAt,
      remindedAt: guideTasks.remindedAt,
    })
    .from(guideTasks)
    .where(and(eq(guideTasks.tenantId, ctx.actor.tenantId), inArray(guideTasks.id, unique)));
  return new Map(rows.map((r) => [r.id, { ...r, status: r.status as TGuideTaskState['status'] }]));
}

/**
 * Stamps `remindedAt` on those of the tasks that are still open and not yet reminded, and returns
 * their ids (so a reminder goes out at most once per task).
 */
export async function markGuideTasksReminded(ctx: Ctx, ids: readonly number[], at: Date): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await dbOf(ctx)
    .update(guideTasks)
    .set({ remindedAt: at })
    .where(
      and(
        eq(guideTasks.tenantId, ctx.actor.tenantId),
        inArray(guideTasks.id, unique),
        eq(guideTasks.status, 'open'),
        isNull(guideTasks.remindedAt),
      ),
    )
    .returning({ id: guideTasks.id });
  return rows.map((r) => r.id);
}

/**
 * Marks open tasks done on the staff member's behalf when what they were asked to do is seen to be
 * done (a moments post published). Returns how many changed.
 */
export async function completeGuideTasks(ctx: Ctx, ids: readonly number[], at: Date): Promise<number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return 0;
  const rows = await dbOf(ctx)
    .update(guideTasks)
    .set({ status: 'done', completedAt: at })
    .where(and(eq(guideTasks.tenantId, ctx.actor.tenantId), inArray(guideTasks.id, unique), eq(guideTasks.status, 'open')))
    .returning({ id: guideTasks.id });
  return rows.length;
}
