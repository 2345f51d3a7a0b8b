import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, systemActor } from '../../context.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { claimLoopGuard, enabledRules, eventJson, factsFor, type TStoredRule, toRule } from './automation-rules.ts';
import { automationRuns } from './automations.tables.ts';
import { evaluateAutomation, failedEventCondition, type TAutomationEvent, triggerMatches } from './evaluate-automation.ts';

export const AUTOMATION_EXECUTE_JOB = 'automations.execute';

export type TTriggerOutcome = {
  ruleId: number;
  runId: number | null;
  status: 'matched' | 'skipped' | 'duplicate';
  reason?: string;
};

/**
 * Runs the tenant's enabled rules against one event, in the caller's transaction (a domain event
 * subscriber's, or a sweep's): each rule that the trigger concerns gets one run row — `skipped`
 * with its reason, or `matched` with an `automations.execute` job that performs the actions. A
 * redelivered event finds its run rows (unique per rule, event key and customer) and does nothing.
 * @example
 * await triggerAutomations(ctx, { type: 'order_paid', key: 'order.paid:7', customerId: 3, at, amountCents: 9900 });
 */
export async function triggerAutomations(
  ctx: Ctx,
  event: TAutomationEvent,
  options: { rules?: TStoredRule[] } = {},
): Promise<TTriggerOutcome[]> {
  // Rules act as the system, whoever caused the event.
  const sctx: Ctx = { ...ctx, actor: systemActor(ctx.actor.tenantId) };
  const rules = options.rules ?? (await enabledRules(sctx, event.type));
  if (rules.length === 0) return [];
  const customer = await getCustomerRef(sctx, event.customerId);
  if (!customer || customer.deleted) return [];
  const full: TAutomationEvent = { ...event, storeId: event.storeId ?? customer.storeId };
  const db = dbOf(sctx);
  const now = sctx.now();
  const out: TTriggerOutcome[] = [];
  for (const row of rules) {
    const rule = toRule(row);
    // Pure checks first: most events concern few rules (another keyword, another live code).
    if (triggerMatches(rule.trigger, full) !== null) continue;
    const facts = await factsFor(sctx, rule, full.customerId, {
      checkAudience: failedEventCondition(rule.conditions, full) === null,
    });
    const verdict = evaluateAutomation(rule, full, facts);
    if (verdict.outcome === 'ignore') continue;
    const matched = verdict.outcome === 'match';
    const [run] = await db
      .insert(automationRuns)
      .values({
        tenantId: sctx.actor.tenantId,
        automationId: rule.id,
        customerId: full.customerId,
        eventKey: full.key,
        eventType: full.type,
        event: eventJson(full),
        status: matched ? 'matched' : 'skipped',
        reason: matched ? null : verdict.reason,
        actions: matched ? rule.actions : null,
        createdAt: now,
        updatedAt: now,
        finishedAt: matched ? null : now,
      })
      .onConflictDoNothing()
      .returning({ id: automationRuns.id });
    if (!run) {
      out.push({ ruleId: rule.id, runId: null, status: 'duplicate' });
      continue;
    }
    if (!matched) {
      out.push({ ruleId: rule.id, runId: run.id, status: 'skipped', reason: verdict.reason });
      continue;
    }
    // The evaluator read the guard; the claim makes it hold under races too.
    if (!(await claimLoopGuard(sctx, rule, full.customerId))) {
      await db
        .update(automationRuns)
        .set({ status: 'skipped', reason: 'loop_guard', finishedAt: now })
        .where(and(eq(automationRuns.tenantId, sctx.actor.tenantId), eq(automationRuns.id, run.id)));
      out.push({ ruleId: rule.id, runId: run.id, status: 'skipped', reason: 'loop_guard' });
      continue;
    }
    await sctx.queue.send(AUTOMATION_EXECUTE_JOB, { tenantId: sctx.actor.tenantId, runId: run.id }, { tx: db });
    out.push({ ruleId: rule.id, runId: run.id, status: 'matched' });
  }
  return out;
}
