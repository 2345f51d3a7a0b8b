import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { changeTaskStatus } from './change-task-status.ts';
import type { TBulkTaskAction } from './tasks.schemas.ts';

/**
 * Completes or skips many tasks for a manager or HQ (the console's bulk action). Each task moves
 * on its own: one that is closed or out of scope is reported in `refused`, the rest still apply.
 */
export async function bulkChangeTasks(ctx: Ctx, input: TBulkTaskAction) {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'change tasks in bulk');
  if (input.action === 'skip' && !input.note) throw new AppError('VALIDATION', 'note: give a reason for skipping.');
  const changed: number[] = [];
  const unchanged: number[] = [];
  const refused: { id: number; reason: string }[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const r = await changeTaskStatus(ctx, id, input.action, input.note);
      (r.changed ? changed : unchanged).push(id);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'CONFLICT' && err.code !== 'NOT_FOUND')) throw err;
      refused.push({ id, reason: err.message });
    }
  }
  return { changed, unchanged, refused };
}
