import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAutomation, toAutomation } from './automation-queries.ts';
import { type TAutomation, type TCreateAutomation, ZCreateAutomation } from './automations.schemas.ts';
import { automations } from './automations.tables.ts';
import { checkAutomationRefs } from './check-automation-refs.ts';

/** A zod failure as one VALIDATION error naming the field (for callers outside the HTTP layer). */
export function invalid(issue: { path: PropertyKey[]; message: string } | undefined): AppError {
  const path = issue?.path.map(String).join('.') ?? '';
  return new AppError('VALIDATION', `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}. Correct it and save again.`);
}

/**
 * Creates an automation rule (disabled unless `enabled`). Operators only; every tag, group, staff
 * member and date field it names must exist.
 * @example
 * await createAutomation(ctx, { name: '大单跟进', trigger: { type: 'order_paid', minAmountCents: 50000 }, actions: [{ type: 'create_task', title: '感谢大单顾客' }] });
 */
export async function createAutomation(ctx: Ctx, raw: TCreateAutomation): Promise<TAutomation> {
  assertRole(ctx.actor, TENANT_WIDE, 'create automation rules');
  const parsed = ZCreateAutomation.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues[0]);
  const input = parsed.data;
  await checkAutomationRefs(ctx, input);
  const id = await inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(automations)
      .values({
        tenantId: tctx.actor.tenantId,
        name: input.name,
        description: input.description,
        enabled: input.enabled,
        triggerType: input.trigger.type,
        trigger: input.trigger,
        conditions: input.conditions,
        actions: input.actions,
        loopWindowMinutes: input.loopWindowMinutes,
        createdBy: tctx.actor.name,
        createdAt: tctx.now(),
      })
      .returning({ id: automations.id });
    if (!row) throw new Error('Automation was not created.');
    await recordAudit(tctx, {
      action: 'automation.create',
      targetType: 'automation',
      targetId: row.id,
      details: { name: input.name },
    });
    return row.id;
  });
  return toAutomation(ctx, await requireAutomation(ctx, id));
}
