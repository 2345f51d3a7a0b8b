import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { taskScopeCondition } from './task-scope.ts';
import type { TGuideTask } from './tasks.schemas.ts';
import { guideTasks } from './tasks.tables.ts';
import { toGuideTasks } from './to-guide-tasks.ts';

/** The task row, locked for update when asked; NOT_FOUND outside the actor's scope. */
export async function getGuideTaskRow(ctx: Ctx, id: number, options: { forUpdate?: boolean } = {}) {
  const q = dbOf(ctx)
    .select()
    .from(guideTasks)
    .where(and(eq(guideTasks.tenantId, ctx.actor.tenantId), eq(guideTasks.id, id), await taskScopeCondition(ctx)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  // Another guide's task looks exactly like a missing one.
  if (!row) throw notFound('Task', id);
  return row;
}

/** One task in the actor's scope. */
export async function getGuideTask(ctx: Ctx, id: number): Promise<TGuideTask> {
  const [task] = await toGuideTasks(ctx, [await getGuideTaskRow(ctx, id)]);
  if (!task) throw notFound('Task', id);
  return task;
}
