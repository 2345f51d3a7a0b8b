import { and, asc, eq, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, systemActor, withActor } from '../../context.ts';
import { notifyOperators } from '../notifications/notify-operators.ts';
import { getGuideTaskStates, markGuideTasksReminded } from '../tasks/guide-task-states.ts';
import { SOP_OVERDUE_AFTER_MINUTES } from './sop-timing.ts';
import { sopPlanSteps } from './sops.tables.ts';

const SYNC_LIMIT = 2000;

/**
 * Brings steps whose guide task was created up to date with the task: done when the guide marked
 * it done, skipped when the task was skipped or expired. `extra` narrows the steps (one plan).
 * Returns the steps still open (with their task and due time).
 */
export async function syncSopStepTasks(ctx: Ctx, extra: SQL[] = []): Promise<{ id: number; taskId: number; dueAt: Date }[]> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const rows = await db
    .select({ id: sopPlanSteps.id, taskId: sopPlanSteps.taskId, dueAt: sopPlanSteps.dueAt })
    .from(sopPlanSteps)
    .where(
      and(eq(sopPlanSteps.tenantId, tenantId), eq(sopPlanSteps.status, 'task_created'), isNotNull(sopPlanSteps.taskId), ...extra),
    )
    .orderBy(asc(sopPlanSteps.dueAt))
    .limit(SYNC_LIMIT);
  const withTask = rows.flatMap((r) => (r.taskId === null ? [] : [{ ...r, taskId: r.taskId }]));
  const states = await getGuideTaskStates(
    ctx,
    withTask.map((r) => r.taskId),
  );
  const done: { id: number; at: Date }[] = [];
  const skipped: number[] = [];
  const open: { id: number; taskId: number; dueAt: Date }[] = [];
  for (const r of withTask) {
    const state = states.get(r.taskId);
    if (state?.status === 'done') done.push({ id: r.id, at: state.completedAt ?? ctx.now() });
    else if (state && state.status !== 'open') skipped.push(r.id);
    else open.push(r);
  }
  const now = ctx.now();
  for (const d of done) {
    await db
      .update(sopPlanSteps)
      .set({ status: 'done', doneAt: d.at, updatedAt: now })
      .where(and(eq(sopPlanSteps.tenantId, tenantId), eq(sopPlanSteps.id, d.id), eq(sopPlanSteps.status, 'task_created')));
  }
  if (skipped.length)
    await db
      .update(sopPlanSteps)
      .set({ status: 'skipped', skipReason: 'task', updatedAt: now })
      .where(
        and(eq(sopPlanSteps.tenantId, tenantId), inArray(sopPlanSteps.id, skipped), eq(sopPlanSteps.status, 'task_created')),
      );
  return open;
}

/**
 * The `sops.remind` sweep: for each tenant with SOP tasks still open `SOP_OVERDUE_AFTER_MINUTES`
 * after they were due, syncs completion, stamps the open tasks' `remindedAt` (once per task; the
 * task itself is the guide's reminder, on top of their workbench list) and tells the operators
 * how many went overdue since the last run.
 * @example
 * const { reminded } = await remindOverdueSopSteps(deps);
 */
export async function remindOverdueSopSteps(deps: Deps): Promise<{ reminded: number }> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - SOP_OVERDUE_AFTER_MINUTES * 60_000);
  const tenants = await deps.db
    .selectDistinct({ tenantId: sopPlanSteps.tenantId })
    .from(sopPlanSteps)
    .where(and(eq(sopPlanSteps.status, 'task_created'), lte(sopPlanSteps.dueAt, cutoff)));
  let reminded = 0;
  for (const { tenantId } of tenants) {
    await deps.db.transaction(async (tx) => {
      const ctx: Ctx = { ...withActor(deps, systemActor(tenantId)), tx };
      const open = await syncSopStepTasks(ctx, [lte(sopPlanSteps.dueAt, cutoff)]);
      const ids = await markGuideTasksReminded(
        ctx,
        open.map((o) => o.taskId),
        now,
      );
      if (ids.length > 0) {
        reminded += ids.length;
        await notifyOperators(ctx, {
          kind: 'sop.overdue',
          title: `${ids.length} 个 SOP 任务超时未完成`,
          body: `导购有 ${ids.length} 个 SOP 任务在到期 ${SOP_OVERDUE_AFTER_MINUTES} 分钟后仍未完成，请在 SOP 执行进度中查看。`,
          link: '/sops',
        });
      }
    });
  }
  return { reminded };
}
