import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertSopEditor } from './sop-scope.ts';
import { sopCalendarItems, sopCalendars, sopJourneySteps, sopJourneys, sopPlanSteps } from './sops.tables.ts';

/**
 * Deletes a calendar or a journey with its items/steps (audited). Its planned steps are cancelled;
 * steps already turned into tasks or sent stay, so progress and guides' tasks keep their history.
 */
export async function deleteSopPlan(ctx: Ctx, kind: 'calendar' | 'journey', id: number): Promise<void> {
  assertSopEditor(ctx, `delete SOP ${kind}s`);
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const table = kind === 'calendar' ? sopCalendars : sopJourneys;
    const [row] = await db
      .delete(table)
      .where(and(eq(table.tenantId, tenantId), eq(table.id, id)))
      .returning({ name: table.name });
    if (!row) throw notFound(kind === 'calendar' ? 'SOP calendar' : 'SOP journey', id);
    if (kind === 'calendar')
      await db.delete(sopCalendarItems).where(and(eq(sopCalendarItems.tenantId, tenantId), eq(sopCalendarItems.calendarId, id)));
    else await db.delete(sopJourneySteps).where(and(eq(sopJourneySteps.tenantId, tenantId), eq(sopJourneySteps.journeyId, id)));
    await db
      .update(sopPlanSteps)
      .set({ status: 'cancelled', updatedAt: tctx.now() })
      .where(
        and(
          eq(sopPlanSteps.tenantId, tenantId),
          eq(sopPlanSteps.planKind, kind),
          eq(sopPlanSteps.planId, id),
          eq(sopPlanSteps.status, 'planned'),
        ),
      );
    await recordAudit(tctx, {
      action: `sop.${kind}.delete`,
      targetType: `sop_${kind}`,
      targetId: id,
      details: { name: row.name },
    });
  });
}
