import { and, asc, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TGuideTask } from './tasks.schemas.ts';
import { guideTasks } from './tasks.tables.ts';
import { toGuideTasks } from './to-guide-tasks.ts';

/**
 * A staff member's tasks for the day [from, to): every open task due before its end (overdue ones
 * from earlier days included, the sweep expires them after a week) and the tasks closed during it;
 * at most 500, earliest due first. The caller checks the actor may act for `staffId`.
 */
export async function listDayTasks(ctx: Ctx, input: { staffId: number; from: Date; to: Date }): Promise<TGuideTask[]> {
  const t = guideTasks;
  const rows = await dbOf(ctx)
    .select()
    .from(t)
    .where(
      and(
        eq(t.tenantId, ctx.actor.tenantId),
        eq(t.staffId, input.staffId),
        or(
          and(eq(t.status, 'open'), lt(t.dueAt, input.to)),
          and(inArray(t.status, ['done', 'skipped']), gte(t.completedAt, input.from), lt(t.completedAt, input.to)),
        ),
      ),
    )
    .orderBy(asc(t.dueAt), asc(t.id))
    .limit(500);
  return toGuideTasks(ctx, rows);
}
