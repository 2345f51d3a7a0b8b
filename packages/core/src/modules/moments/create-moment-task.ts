import { momentContentProblem } from '@pond/channels';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { resolveContent } from '../materials/content-ref.ts';
import { getStaffById, type TStaffRef } from '../org/lookups.ts';
import { listStaff } from '../org/manage-staff.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { createGuideTask } from '../tasks/create-guide-task.ts';
import { getMomentTask } from './get-moment-task.ts';
import { type TCreateMomentTask, type TMomentTaskDetail, ZCreateMomentTask } from './moments.schemas.ts';
import { momentTaskStaff, momentTasks } from './moments.tables.ts';

/** Most staff one moments task goes to. */
export const MOMENT_MAX_STAFF = 2000;

type TTarget = Pick<TStaffRef, 'id' | 'wecomUserId' | 'storeId'>;

// The active staff a task targets: everyone, the staff of some stores, or a list.
async function targetStaff(ctx: Ctx, input: { targetKind: string; storeIds: number[]; staffIds: number[] }): Promise<TTarget[]> {
  if (input.targetKind === 'staff') {
    if (input.staffIds.length === 0) throw new AppError('VALIDATION', 'staffIds: choose at least one staff member.');
    const out: TTarget[] = [];
    for (const id of [...new Set(input.staffIds)]) {
      const s = await getStaffById(ctx, id);
      if (!s) throw new AppError('VALIDATION', `staffIds: staff member ${id} does not exist. Pick staff from the list.`);
      if (s.status === 'active') out.push(s);
    }
    return out;
  }
  if (input.targetKind === 'stores' && input.storeIds.length === 0)
    throw new AppError('VALIDATION', 'storeIds: choose at least one store.');
  const stores = input.targetKind === 'stores' ? [...new Set(input.storeIds)] : [undefined];
  const out: TTarget[] = [];
  for (const storeId of stores) {
    for (let page = 1; out.length <= MOMENT_MAX_STAFF; page++) {
      const r = await listStaff(ctx, { page, pageSize: 200, storeId, status: 'active' });
      out.push(...r.items.map((s) => ({ id: s.id, wecomUserId: s.wecomUserId, storeId: s.storeId })));
      if (page * 200 >= r.total) break;
    }
  }
  return out;
}

/**
 * Creates a moments task: one `moment` outbox action (add_moment_task, key `moment:<id>`) for all
 * target staff, and a guide task `moment` for each of them, in one transaction. The content must
 * follow WeCom's rule (text plus ≤ 9 images, or one video, or one link).
 * @example
 * await createMomentTask(ctx, { title: '春季新品', content: { text: '春季限定上新', materialIds: [4, 5] }, targetKind: 'stores', storeIds: [3] });
 */
export async function createMomentTask(ctx: Ctx, raw: TCreateMomentTask): Promise<TMomentTaskDetail> {
  assertRole(ctx.actor, ['admin', 'operator'], 'create moments tasks');
  const input = ZCreateMomentTask.parse(raw);
  const content = await resolveContent(ctx, input.content);
  const problem = momentContentProblem(content);
  if (problem) throw new AppError('VALIDATION', `content: ${problem} Change the content.`);
  const staff = await targetStaff(ctx, input);
  if (staff.length === 0) throw new AppError('VALIDATION', 'No active staff member is in these targets. Choose other targets.');
  if (staff.length > MOMENT_MAX_STAFF)
    throw new AppError('VALIDATION', `A moments task goes to at most ${MOMENT_MAX_STAFF} staff members. Choose fewer stores.`);
  const id = await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const now = tctx.now();
    const [task] = await db
      .insert(momentTasks)
      .values({
        tenantId,
        title: input.title,
        content: input.content as Record<string, unknown>,
        targetKind: input.targetKind,
        targetStoreIds: input.targetKind === 'stores' ? input.storeIds : [],
        targetStaffIds: input.targetKind === 'staff' ? input.staffIds : [],
        staffCount: staff.length,
        createdBy: tctx.actor.name,
        createdAt: now,
      })
      .returning({ id: momentTasks.id });
    if (!task) throw new AppError('INTERNAL', 'The moments task was not created.');
    await enqueueAction(tctx, {
      idempotencyKey: `moment:${task.id}`,
      kind: 'moment',
      payload: { staffUserIds: staff.map((s) => s.wecomUserId), content, momentTaskId: task.id },
    });
    for (const s of staff) {
      const { taskId } = await createGuideTask(tctx, {
        staffId: s.id,
        kind: 'moment',
        title: `发朋友圈：${input.title}`,
        content: input.content as Record<string, unknown>,
        sourceKey: `moment:${task.id}:staff:${s.id}`,
        dueAt: now,
      });
      await db.insert(momentTaskStaff).values({
        tenantId,
        taskId: task.id,
        staffId: s.id,
        staffUserId: s.wecomUserId,
        storeId: s.storeId,
        guideTaskId: taskId,
      });
    }
    return task.id;
  });
  return getMomentTask(ctx, id);
}
