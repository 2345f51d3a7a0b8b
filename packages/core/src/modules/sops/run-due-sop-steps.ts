import { and, asc, eq, lte } from 'drizzle-orm';
import { getTenantChannelKind } from '../../channels.ts';
import { type Ctx, type Deps, dbOf, systemActor, withActor } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { customerInAudience } from '../audiences/audience-engine.ts';
import type { TAudienceExpression } from '../audiences/audience-expression.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { getServingStaff } from '../customers/serving-staff.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { resolveContent, type TContentRefInput } from '../materials/content-ref.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { createGuideTask } from '../tasks/create-guide-task.ts';
import { sopCalendars, sopJourneys, sopPlanSteps } from './sops.tables.ts';

/** Steps taken per run of `sops.due`; the rest wait for the next minute. */
export const SOP_DUE_BATCH = 500;

type TStepRow = typeof sopPlanSteps.$inferSelect;
export type TDueOutcome = 'task_created' | 'sent' | 'skipped' | 'taken';

/** The guide task / outbox key of a plan step: the same step never makes two. */
export const sopStepKey = (stepId: number) => `sop_step:${stepId}`;

async function planStatus(ctx: Ctx, step: TStepRow): Promise<{ active: boolean; delivery: string }> {
  const db = dbOf(ctx);
  if (step.planKind === 'calendar') {
    const [cal] = await db
      .select({ status: sopCalendars.status, delivery: sopCalendars.delivery })
      .from(sopCalendars)
      .where(and(eq(sopCalendars.tenantId, ctx.actor.tenantId), eq(sopCalendars.id, step.planId)));
    return { active: cal?.status === 'active', delivery: cal?.delivery ?? 'task' };
  }
  const [journey] = await db
    .select({ status: sopJourneys.status })
    .from(sopJourneys)
    .where(and(eq(sopJourneys.tenantId, ctx.actor.tenantId), eq(sopJourneys.id, step.planId)));
  return { active: journey?.status === 'active', delivery: 'task' };
}

/**
 * Turns one due step into its action, in one transaction: claims it (`planned → due`, so a second
 * run or worker takes nothing), then — a group step of an `auto` calendar on a channel that can
 * post into groups (the simulator) — enqueues the group message through the outbox; otherwise
 * creates a guide task for the group owner or the customer's serving staff (key `sop_step:<id>`).
 * Skips it when its plan is paused or gone, the target is gone, a journey condition is false now,
 * or nobody can do it.
 */
export async function processDueStep(deps: Deps, tenantId: number, stepId: number): Promise<TDueOutcome> {
  return deps.db.transaction(async (tx) => {
    const ctx: Ctx = { ...withActor(deps, systemActor(tenantId)), tx };
    const db = dbOf(ctx);
    const now = deps.now();
    const where = and(eq(sopPlanSteps.tenantId, tenantId), eq(sopPlanSteps.id, stepId));
    const [step] = await db
      .update(sopPlanSteps)
      .set({ status: 'due', updatedAt: now })
      .where(and(where, eq(sopPlanSteps.status, 'planned')))
      .returning();
    if (!step) return 'taken';
    const skip = async (reason: string): Promise<TDueOutcome> => {
      await db.update(sopPlanSteps).set({ status: 'skipped', skipReason: reason, updatedAt: now }).where(where);
      return 'skipped';
    };
    const task = async (staffId: number, target: { groupId?: number; customerId?: number }): Promise<TDueOutcome> => {
      const { taskId } = await createGuideTask(ctx, {
        staffId,
        kind: 'sop_step',
        title: step.title,
        ...target,
        content: step.content,
        sourceKey: sopStepKey(step.id),
        dueAt: step.dueAt,
      });
      await db.update(sopPlanSteps).set({ status: 'task_created', taskId, staffId, updatedAt: now }).where(where);
      return 'task_created';
    };

    const plan = await planStatus(ctx, step);
    if (!plan.active) return skip('paused');

    if (step.targetKind === 'group') {
      const group = await getGroupRef(ctx, step.targetId);
      if (group?.status !== 'active') return skip('no_target');
      if (plan.delivery === 'auto' && (await getTenantChannelKind(deps.database, db, tenantId)) === 'simulator') {
        try {
          const content = await resolveContent(ctx, step.content as TContentRefInput, { group_name: group.name });
          const { actionId } = await enqueueAction(ctx, {
            idempotencyKey: sopStepKey(step.id),
            kind: 'group_message',
            payload: { chatId: group.externalChatId, content, groupId: group.id },
          });
          await db
            .update(sopPlanSteps)
            .set({ status: 'sent', actionId, staffId: group.ownerStaffId, doneAt: now, updatedAt: now })
            .where(where);
          return 'sent';
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'VALIDATION')) throw error;
          return skip('content');
        }
      }
      if (!group.ownerStaffId) return skip('no_staff');
      return task(group.ownerStaffId, { groupId: group.id });
    }

    const customer = await getCustomerRef(ctx, step.targetId);
    if (!customer || customer.deleted) return skip('no_target');
    if (step.condition && !(await customerInAudience(ctx, step.condition as TAudienceExpression, customer.id)))
      return skip('condition');
    const serving = (await getServingStaff(ctx, [customer.id])).get(customer.id);
    if (!serving) return skip('no_staff');
    return task(serving.staffId, { customerId: customer.id });
  });
}

/**
 * The `sops.due` sweep: takes planned steps due by now, across tenants, earliest first (the rule of
 * `selectDueSteps`), and processes each in its own transaction. Safe to run twice or concurrently:
 * each step is claimed once, and its task / send is keyed by the step.
 * @example
 * const { processed } = await runDueSopSteps(deps);
 */
export async function runDueSopSteps(
  deps: Deps,
  options: { limit?: number } = {},
): Promise<{ processed: number; outcomes: Record<TDueOutcome, number> }> {
  const due = await deps.db
    .select({ tenantId: sopPlanSteps.tenantId, id: sopPlanSteps.id })
    .from(sopPlanSteps)
    .where(and(eq(sopPlanSteps.status, 'planned'), lte(sopPlanSteps.dueAt, deps.now())))
    .orderBy(asc(sopPlanSteps.dueAt), asc(sopPlanSteps.id))
    .limit(options.limit ?? SOP_DUE_BATCH);
  const outcomes: Record<TDueOutcome, number> = { task_created: 0, sent: 0, skipped: 0, taken: 0 };
  for (const step of due) {
    try {
      outcomes[await processDueStep(deps, step.tenantId, step.id)]++;
    } catch (error) {
      // One bad step must not hold up the rest; it stays planned and is retried next minute.
      deps.log.warn({ tenantId: step.tenantId, stepId: step.id, err: error }, 'SOP step failed; retrying next run');
    }
  }
  return { processed: due.length - outcomes.taken, outcomes };
}
