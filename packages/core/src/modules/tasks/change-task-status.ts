import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getGuideTaskRow } from './get-guide-task.ts';
import { REOPEN_WINDOW_MS, type TTaskAction, taskTransition } from './task-rules.ts';
import type { TGuideTask } from './tasks.schemas.ts';
import { guideTasks } from './tasks.tables.ts';
import { toGuideTasks } from './to-guide-tasks.ts';

const CONFLICT: Record<TTaskAction, (status: string) => string> = {
  complete: (s) => `This task is ${s}, not open: it cannot be completed. Reopen it first if it was skipped by mistake.`,
  skip: (s) => `This task is ${s}, not open: it cannot be skipped. Reopen it first if it was completed by mistake.`,
  reopen: (s) =>
    s === 'expired'
      ? 'This task expired and cannot be reopened. Ask your manager for a new task.'
      : `A task can be reopened only within ${REOPEN_WINDOW_MS / 60_000} minutes of being closed. Ask your manager for a new task.`,
};

/**
 * Moves one task (in the actor's scope) by `action`, in the caller's transaction or its own: the
 * row is locked, so two taps cannot both apply. Completing a done task or skipping a skipped one
 * answers the task unchanged (`changed: false`); a transition that is not allowed is a CONFLICT.
 */
export async function changeTaskStatus(
  ctx: Ctx,
  id: number,
  action: TTaskAction,
  note?: string,
): Promise<{ task: TGuideTask; changed: boolean }> {
  return inTransaction(ctx, async (tctx) => {
    const row = await getGuideTaskRow(tctx, id, { forUpdate: true });
    const now = tctx.now();
    const verdict = taskTransition(row, action, now);
    if (verdict === 'conflict') throw new AppError('CONFLICT', CONFLICT[action](row.status), { status: row.status });
    let next = row;
    if (verdict === 'apply') {
      const set =
        action === 'reopen'
          ? { status: 'open', note: null, completedAt: null, completedByAccountId: null }
          : {
              status: action === 'complete' ? 'done' : 'skipped',
              note: note ?? null,
              completedAt: now,
              completedByAccountId: tctx.actor.accountId,
            };
      const [updated] = await dbOf(tctx)
        .update(guideTasks)
        .set(set)
        .where(and(eq(guideTasks.tenantId, tctx.actor.tenantId), eq(guideTasks.id, id)))
        .returning();
      if (updated) next = updated;
    }
    const [task] = await toGuideTasks(tctx, [next]);
    if (!task) throw new AppError('INTERNAL', `Task ${id} vanished while changing it.`);
    return { task, changed: verdict === 'apply' };
  });
}

/** Marks a task done with an optional note. */
export const completeGuideTask = (ctx: Ctx, id: number, note?: string) => changeTaskStatus(ctx, id, 'complete', note);
/** Skips a task with a reason. */
export const skipGuideTask = (ctx: Ctx, id: number, reason: string) => changeTaskStatus(ctx, id, 'skip', reason);
/** Undoes a completion or skip within the window. */
export const reopenGuideTask = (ctx: Ctx, id: number) => changeTaskStatus(ctx, id, 'reopen');
