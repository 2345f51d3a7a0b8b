import { type Ctx, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { resolveContent } from '../materials/content-ref.ts';
import { getUnitNames } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { completeGuideTask } from '../tasks/change-task-status.ts';
import { getGuideTaskRow } from '../tasks/get-guide-task.ts';
import type { TWorkbenchSend } from './workbench.schemas.ts';
import { workbenchActor } from './workbench-actor.ts';

/**
 * Sends content (text, materials, a script) from the guide to one of their customers through the
 * outbox, as a private message — once per client `requestId`, so a double tap sends once (the
 * second answer says `duplicate: true`). With `taskId` the guide's task is completed in the same
 * transaction.
 * @example
 * await sendToCustomer(ctx, { customerId: 42, content: { scriptId: 3, materialIds: [] }, requestId: 'a1b2c3d4e5' });
 */
export async function sendToCustomer(ctx: Ctx, input: TWorkbenchSend) {
  const who = await workbenchActor(ctx, undefined, { write: true });
  return inTransaction(who.ctx, async (tctx) => {
    const customer = await assertCustomerVisible(tctx, input.customerId);
    if (!customer.externalUserId) {
      throw new AppError('VALIDATION', `${customer.name} has no WeCom contact yet; add them on WeCom first.`);
    }
    if (input.taskId) {
      const task = await getGuideTaskRow(tctx, input.taskId);
      if (task.customerId !== null && task.customerId !== input.customerId) {
        throw new AppError('VALIDATION', 'This task is about another customer. Open the task from that customer.');
      }
    }
    const storeName = who.staff.storeId ? (await getUnitNames(tctx, [who.staff.storeId])).get(who.staff.storeId) : undefined;
    const content = await resolveContent(tctx, input.content, {
      customer_name: customer.name,
      staff_name: who.staff.name,
      store_name: storeName,
    });
    const r = await enqueueAction(tctx, {
      idempotencyKey: `workbench-send:${who.staff.id}:${input.requestId}`,
      kind: 'private_message',
      payload: {
        staffUserId: who.staff.wecomUserId,
        externalUserId: customer.externalUserId,
        content,
        customerId: customer.id,
        staffId: who.staff.id,
      },
    });
    let taskCompleted = false;
    if (input.taskId) taskCompleted = (await completeGuideTask(tctx, input.taskId, '已从工作台发送')).changed;
    return { actionId: r.actionId, duplicate: r.duplicate, taskCompleted };
  });
}
