import { and, eq } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, systemActor, withActor } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { automationRuns, automations } from './automations.tables.ts';
import { nextStretch } from './evaluate-automation.ts';
import { performAutomationAction } from './perform-automation-action.ts';

export const AUTOMATION_RESUME_JOB = 'automations.resume';

export type TRunStep = 'done' | 'waiting' | 'failed' | 'not_due' | 'nothing';

/**
 * Performs the actions of a run from `next_action` up to the next wait or the end, in one
 * transaction with the run row locked: `matched` runs start, `waiting` runs continue once their
 * time has come (an early call does nothing; `sweepAutomations` picks up waiting runs that are due). A wait leaves the run `waiting` with an
 * `automations.resume` job at `resume_at`. A failing action rolls the stretch back and marks the
 * run `failed` with the error; actions are idempotent by key, so nothing done before is repeated.
 * @example
 * await continueAutomationRun(deps, { tenantId: 1, runId: 42 });
 */
export async function continueAutomationRun(deps: Deps, input: { tenantId: number; runId: number }): Promise<TRunStep> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  try {
    return await ctx.db.transaction(async (tx) => step({ ...ctx, tx }, input.runId));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    ctx.log.warn({ tenantId: input.tenantId, runId: input.runId, err: reason }, 'automation run failed');
    await ctx.db
      .update(automationRuns)
      .set({ status: 'failed', reason: reason.slice(0, 500), updatedAt: ctx.now(), finishedAt: ctx.now() })
      .where(and(eq(automationRuns.tenantId, input.tenantId), eq(automationRuns.id, input.runId)));
    return 'failed';
  }
}

async function step(ctx: Ctx, runId: number): Promise<TRunStep> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const r = automationRuns;
  const [run] = await db
    .select()
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.id, runId)))
    .for('update');
  if (!run || (run.status !== 'matched' && run.status !== 'waiting')) return 'nothing';
  const now = ctx.now();
  if (run.status === 'waiting' && run.resumeAt && run.resumeAt > now) {
    // Too early (the queue's clock runs ahead of ours): the hourly sweep resumes runs whose time has
    // come. Not sending the job again here, which could spin while the clocks disagree.
    return 'not_due';
  }
  const [rule] = await db
    .select()
    .from(automations)
    .where(and(eq(automations.tenantId, tenantId), eq(automations.id, run.automationId)));
  if (!rule) throw new AppError('NOT_FOUND', `Automation ${run.automationId} no longer exists.`);
  if (rule.deletedAt || !rule.enabled) {
    // Turned off (or deleted) while the run waited: the rest does not happen.
    await db
      .update(r)
      .set({ status: 'skipped', reason: 'rule_disabled', updatedAt: now, finishedAt: now })
      .where(and(eq(r.tenantId, tenantId), eq(r.id, runId)));
    return 'nothing';
  }
  const actions = run.actions ?? rule.actions;
  const { run: indexes, resume } = nextStretch(actions, run.nextAction);
  const results = [...run.results];
  const actionRun = {
    runId,
    automationId: rule.id,
    ruleName: rule.name,
    customerId: run.customerId,
    event: run.event,
    startedAt: run.createdAt,
  };
  for (const index of indexes) {
    const action = actions[index];
    if (!action) continue;
    const result = await performAutomationAction(ctx, actionRun, index, action);
    results.push({ index, type: action.type, result });
  }
  const actionsDone = run.actionsDone + indexes.length;
  if (resume && resume.at < actions.length) {
    const resumeAt = new Date(now.getTime() + resume.afterMs);
    results.push({ index: resume.at - 1, type: 'wait', result: `waiting until ${resumeAt.toISOString()}` });
    await db
      .update(r)
      .set({ status: 'waiting', nextAction: resume.at, actionsDone, results, resumeAt, updatedAt: now })
      .where(and(eq(r.tenantId, tenantId), eq(r.id, runId)));
    await ctx.queue.send(AUTOMATION_RESUME_JOB, { tenantId, runId }, { tx: db, startAfter: resumeAt });
    return 'waiting';
  }
  await db
    .update(r)
    .set({ status: 'done', nextAction: actions.length, actionsDone, results, resumeAt: null, updatedAt: now, finishedAt: now })
    .where(and(eq(r.tenantId, tenantId), eq(r.id, runId)));
  return 'done';
}
