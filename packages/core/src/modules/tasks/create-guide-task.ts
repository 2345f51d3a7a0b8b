import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { guideTasks } from './tasks.tables.ts';

export const GUIDE_TASK_KINDS = ['sop_step', 'follow_up', 'broadcast_confirm', 'moment', 'automation', 'manual'] as const;
export type TGuideTaskKind = (typeof GUIDE_TASK_KINDS)[number];

export const ZCreateGuideTask = z.object({
  staffId: z.number().int().positive(),
  kind: z.enum(GUIDE_TASK_KINDS),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(4000).optional(),
  customerId: z.number().int().positive().optional(),
  groupId: z.number().int().positive().optional(),
  content: z.record(z.string(), z.unknown()).optional(),
  sourceKey: z.string().min(1).max(200),
  dueAt: z.date(),
});
export type TCreateGuideTask = z.input<typeof ZCreateGuideTask>;

/**
 * Creates a task for a staff member, once per `sourceKey` (a second call with the same key returns
 * the first task with `duplicate: true`). Runs in the caller's transaction when there is one.
 * @example
 * await createGuideTask(ctx, { staffId, kind: 'sop_step', title: '发送每日好物', sourceKey: `sop_step:${stepId}`, dueAt });
 */
export async function createGuideTask(ctx: Ctx, input: TCreateGuideTask): Promise<{ taskId: number; duplicate: boolean }> {
  const parsed = ZCreateGuideTask.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
  }
  const v = parsed.data;
  const tenantId = ctx.actor.tenantId;
  const db = dbOf(ctx);
  const [row] = await db
    .insert(guideTasks)
    .values({
      tenantId,
      staffId: v.staffId,
      kind: v.kind,
      title: v.title,
      body: v.body ?? null,
      customerId: v.customerId ?? null,
      groupId: v.groupId ?? null,
      content: v.content ?? null,
      sourceKey: v.sourceKey,
      dueAt: v.dueAt,
    })
    .onConflictDoNothing()
    .returning({ id: guideTasks.id });
  if (row) return { taskId: row.id, duplicate: false };
  const [existing] = await db
    .select({ id: guideTasks.id })
    .from(guideTasks)
    .where(and(eq(guideTasks.tenantId, tenantId), eq(guideTasks.sourceKey, v.sourceKey)));
  if (!existing) throw new AppError('INTERNAL', `Guide task ${v.sourceKey} was neither created nor found.`);
  return { taskId: existing.id, duplicate: true };
}
