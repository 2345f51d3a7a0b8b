import { randomUUID } from 'node:crypto';
import { type Ctx, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { getStaffById } from '../org/lookups.ts';
import { createGuideTask } from './create-guide-task.ts';
import { getGuideTask } from './get-guide-task.ts';
import { staffInScope } from './task-scope.ts';
import { type TCreateManualTask, type TGuideTask, ZCreateManualTask } from './tasks.schemas.ts';

/**
 * A task an operator or store manager gives a staff member by hand (a manager: staff of their
 * store; a guide may note a follow-up for themselves). The customer, if any, must be one the actor
 * can see.
 * @example
 * await createManualTask(ctx, { staffId: 7, title: '回访新客', customerId: 42, dueAt: '2026-03-01T10:00:00+08:00' });
 */
export async function createManualTask(ctx: Ctx, raw: TCreateManualTask): Promise<TGuideTask> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager', 'guide'], 'create tasks');
  const input = ZCreateManualTask.parse(raw);
  return inTransaction(ctx, async (tctx) => {
    const staff = await getStaffById(tctx, input.staffId);
    if (!staff || !staffInScope(tctx, staff)) throw notFound('Staff member', input.staffId);
    if (staff.status !== 'active') {
      throw new AppError('VALIDATION', `${staff.name} has left; give the task to someone still working.`);
    }
    if (input.customerId) await assertCustomerVisible(tctx, input.customerId);
    const { taskId } = await createGuideTask(tctx, {
      staffId: staff.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      customerId: input.customerId,
      content: input.content,
      sourceKey: `manual:${randomUUID()}`,
      dueAt: new Date(input.dueAt),
    });
    return getGuideTask(tctx, taskId);
  });
}
