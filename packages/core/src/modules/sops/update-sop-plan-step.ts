import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertSopContent, planStepScope } from './sop-scope.ts';
import { shanghaiDate } from './sop-timing.ts';
import type { TSopPlanStep, TUpdateSopPlanStep } from './sops.schemas.ts';
import { sopPlanSteps } from './sops.tables.ts';
import { toPlanSteps } from './to-plan-steps.ts';

/**
 * An operator (or the store's manager) changes a planned step: its time, title or content (the
 * step is then marked edited, and re-applying its calendar leaves it alone), or skips it (audited)
 * — or plans again a step an operator skipped. Only steps not yet due can change.
 * @example
 * await updateSopPlanStep(ctx, 41, { dueAt: '2026-03-02T12:00:00+08:00' });
 */
export async function updateSopPlanStep(ctx: Ctx, id: number, input: TUpdateSopPlanStep): Promise<TSopPlanStep> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'change SOP plans');
  requireChanges(input);
  if (input.content) await assertSopContent(ctx, input.content, 'content');
  const row = await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const where = and(...planStepScope(tctx), eq(sopPlanSteps.id, id));
    const [step] = await db.select().from(sopPlanSteps).where(where).for('update');
    if (!step) throw notFound('Plan step', id);
    const unskip = input.skip === false && step.status === 'skipped' && step.skipReason === 'operator';
    if (step.status !== 'planned' && !unskip)
      throw new AppError(
        'CONFLICT',
        `This step is ${step.status}; only planned steps can change. Refresh the plan to see where it stands.`,
      );
    const now = tctx.now();
    const dueAt = input.dueAt ? new Date(input.dueAt) : undefined;
    const changed = dueAt !== undefined || input.title !== undefined || input.content !== undefined;
    try {
      const [updated] = await db
        .update(sopPlanSteps)
        .set({
          dueAt,
          planDate: dueAt ? shanghaiDate(dueAt) : undefined,
          title: input.title,
          content: input.content as Record<string, unknown> | undefined,
          edited: changed ? true : undefined,
          status: input.skip === true ? 'skipped' : unskip ? 'planned' : undefined,
          skipReason: input.skip === true ? 'operator' : unskip ? null : undefined,
          updatedAt: now,
        })
        .where(where)
        .returning();
      if (!updated) throw notFound('Plan step', id);
      if (input.skip !== undefined)
        await recordAudit(tctx, {
          action: input.skip ? 'sop.step.skip' : 'sop.step.unskip',
          targetType: 'sop_plan_step',
          targetId: id,
          details: { planKind: step.planKind, planId: step.planId, title: step.title, planDate: step.planDate },
        });
      return updated;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('CONFLICT', 'The same step is already planned for this target on that day. Pick another day.');
      throw error;
    }
  });
  const [out] = await toPlanSteps(ctx, [row]);
  if (!out) throw notFound('Plan step', id);
  return out;
}
