import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAutomation } from './automation-queries.ts';
import { automations } from './automations.tables.ts';

/**
 * Deletes a rule (soft: its runs log stays readable in the audit trail); waiting runs stop at their
 * next step. Audited.
 */
export async function deleteAutomation(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete automation rules');
  const current = await requireAutomation(ctx, id);
  await inTransaction(ctx, async (tctx) => {
    await dbOf(tctx)
      .update(automations)
      .set({ deletedAt: tctx.now(), enabled: false, updatedAt: tctx.now() })
      .where(and(eq(automations.tenantId, tctx.actor.tenantId), eq(automations.id, id)));
    await recordAudit(tctx, {
      action: 'automation.delete',
      targetType: 'automation',
      targetId: id,
      details: { name: current.name },
    });
  });
}
