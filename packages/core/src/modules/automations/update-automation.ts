import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAutomation, toAutomation } from './automation-queries.ts';
import { type TAutomation, type TUpdateAutomation, ZUpdateAutomation } from './automations.schemas.ts';
import { automations } from './automations.tables.ts';
import { checkAutomationRefs } from './check-automation-refs.ts';
import { invalid } from './create-automation.ts';

/**
 * Changes a rule (any subset of its fields; `{ enabled }` alone turns it on or off). Runs that are
 * waiting keep the actions they matched with; turning a rule off stops them at their next step.
 */
export async function updateAutomation(ctx: Ctx, id: number, raw: TUpdateAutomation): Promise<TAutomation> {
  assertRole(ctx.actor, TENANT_WIDE, 'change automation rules');
  const parsed = ZUpdateAutomation.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues[0]);
  const patch = parsed.data;
  const current = await requireAutomation(ctx, id);
  const merged = {
    trigger: patch.trigger ?? current.trigger,
    conditions: patch.conditions ?? current.conditions,
    actions: patch.actions ?? current.actions,
  };
  if (patch.trigger || patch.conditions || patch.actions) await checkAutomationRefs(ctx, merged);
  await inTransaction(ctx, async (tctx) => {
    await dbOf(tctx)
      .update(automations)
      .set({
        ...patch,
        ...(patch.trigger ? { triggerType: patch.trigger.type } : {}),
        updatedAt: tctx.now(),
      })
      .where(and(eq(automations.tenantId, tctx.actor.tenantId), eq(automations.id, id)));
    const action =
      Object.keys(patch).length === 1 && patch.enabled !== undefined
        ? patch.enabled
          ? 'automation.enable'
          : 'automation.disable'
        : 'automation.update';
    await recordAudit(tctx, { action, targetType: 'automation', targetId: id, details: { name: patch.name ?? current.name } });
  });
  return toAutomation(ctx, await requireAutomation(ctx, id));
}
