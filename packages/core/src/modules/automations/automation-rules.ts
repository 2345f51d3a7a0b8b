import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customerInAudience } from '../audiences/audience-engine.ts';
import type { TAudienceExpression } from '../audiences/audience-expression.ts';
import type { TTriggerType } from './automations.schemas.ts';
import { automationGuards, automationRuns, automations } from './automations.tables.ts';
import type { TAutomationEvent, TAutomationFacts, TAutomationRule } from './evaluate-automation.ts';

/** Rule runs one customer may have in an hour, across all rules: a safety net under the loop guard. */
export const CUSTOMER_HOURLY_RUN_CAP = 20;

export type TStoredRule = typeof automations.$inferSelect;

export const toRule = (row: TStoredRule): TAutomationRule => ({
  id: row.id,
  trigger: row.trigger,
  conditions: row.conditions,
  actions: row.actions,
  loopWindowMinutes: row.loopWindowMinutes,
});

/** The tenant's enabled rules with this trigger type, oldest first. */
export async function enabledRules(ctx: Ctx, triggerType: TTriggerType): Promise<TStoredRule[]> {
  const a = automations;
  return dbOf(ctx)
    .select()
    .from(a)
    .where(and(eq(a.tenantId, ctx.actor.tenantId), eq(a.triggerType, triggerType), eq(a.enabled, true), isNull(a.deletedAt)))
    .orderBy(a.id);
}

/** The facts the evaluator needs about a rule and a customer, read now. */
export async function factsFor(
  ctx: Ctx,
  rule: TAutomationRule,
  customerId: number,
  options: { checkAudience?: boolean } = {},
): Promise<TAutomationFacts> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const now = ctx.now();
  const [guard] = await db
    .select({ lastRunAt: automationGuards.lastRunAt })
    .from(automationGuards)
    .where(
      and(
        eq(automationGuards.tenantId, tenantId),
        eq(automationGuards.automationId, rule.id),
        eq(automationGuards.customerId, customerId),
      ),
    );
  const r = automationRuns;
  const [recent] = await db
    .select({ n: count() })
    .from(r)
    .where(
      and(
        eq(r.tenantId, tenantId),
        eq(r.customerId, customerId),
        gt(r.createdAt, new Date(now.getTime() - 3_600_000)),
        ne(r.status, 'skipped'),
      ),
    );
  const audience = rule.conditions.audience as TAudienceExpression | undefined;
  const inAudience =
    audience !== undefined && options.checkAudience !== false ? await customerInAudience(ctx, audience, customerId) : undefined;
  return {
    now,
    inAudience,
    lastRunAt: guard?.lastRunAt ?? null,
    runsLastHour: Number(recent?.n ?? 0),
    hourlyCap: CUSTOMER_HOURLY_RUN_CAP,
  };
}

/**
 * Claims the loop guard of (rule, customer): one conditional upsert, so of two racing runs only
 * one gets it. False when the rule ran on the customer within its window.
 */
export async function claimLoopGuard(ctx: Ctx, rule: TAutomationRule, customerId: number): Promise<boolean> {
  const g = automationGuards;
  const now = ctx.now();
  const windowStart = new Date(now.getTime() - rule.loopWindowMinutes * 60_000);
  const rows = await dbOf(ctx)
    .insert(g)
    .values({ tenantId: ctx.actor.tenantId, automationId: rule.id, customerId, lastRunAt: now })
    .onConflictDoUpdate({
      target: [g.tenantId, g.automationId, g.customerId],
      set: { lastRunAt: now },
      where: sql`${g.lastRunAt} <= ${windowStart.toISOString()}`,
    })
    .returning({ customerId: g.customerId });
  return rows.length > 0;
}

/** The event as stored on a run: plain JSON. */
export function eventJson(event: TAutomationEvent): Record<string, unknown> {
  const { key: _key, type: _type, at, ...rest } = event;
  return { ...rest, at: at.toISOString() };
}
