import { and, count, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { getServingStaff } from '../customers/serving-staff.ts';
import { journeyStepDue } from './sop-timing.ts';
import { sopJourneyEnrollments, sopPlanSteps } from './sops.tables.ts';
import { loadJourneyRow, loadJourneySteps } from './to-sop-journey.ts';

export type TEnrollInJourney = {
  journeyId: number;
  customerId: number;
  // Day 0 and the reference time of day.
  anchorAt: Date;
  // What enrolled the customer; a second call with the same key is the first enrolment.
  sourceKey: string;
};

/**
 * Enrols a customer in a journey: one enrolment per (journey, sourceKey), and one plan step per
 * journey step, dated from `anchorAt` (see `journeyStepDue`: a day-0 step whose time has passed
 * runs at once). Conditions are checked when each step falls due. Runs in the caller's transaction
 * (a domain-event subscriber's, say). Throws CONFLICT for a paused journey.
 * @example
 * await enrollInJourney(ctx, { journeyId: 3, customerId: 12, anchorAt: new Date(), sourceKey: `automation:${runId}` });
 */
export async function enrollInJourney(
  ctx: Ctx,
  input: TEnrollInJourney,
): Promise<{ enrollmentId: number; duplicate: boolean; steps: number }> {
  if (input.sourceKey.length === 0 || input.sourceKey.length > 200)
    throw new AppError('VALIDATION', 'sourceKey: 1 to 200 characters.');
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const journey = await loadJourneyRow(tctx, input.journeyId);
    if (tctx.actor.role !== 'system') await assertCustomerVisible(tctx, input.customerId);
    const customer = await getCustomerRef(tctx, input.customerId);
    if (!customer || customer.deleted) throw notFound('Customer', input.customerId);
    const [existing] = await db
      .select({ id: sopJourneyEnrollments.id })
      .from(sopJourneyEnrollments)
      .where(
        and(
          eq(sopJourneyEnrollments.tenantId, tenantId),
          eq(sopJourneyEnrollments.journeyId, journey.id),
          eq(sopJourneyEnrollments.sourceKey, input.sourceKey),
        ),
      );
    if (existing) {
      const [n] = await db
        .select({ n: count() })
        .from(sopPlanSteps)
        .where(and(eq(sopPlanSteps.tenantId, tenantId), eq(sopPlanSteps.enrollmentId, existing.id)));
      return { enrollmentId: existing.id, duplicate: true, steps: n?.n ?? 0 };
    }
    // Checked before any write, so a caller inside a larger transaction may catch it and go on.
    if (journey.status !== 'active')
      throw new AppError('CONFLICT', `Journey "${journey.name}" is paused. Resume it before enrolling customers.`);
    const [created] = await db
      .insert(sopJourneyEnrollments)
      .values({
        tenantId,
        journeyId: journey.id,
        customerId: customer.id,
        anchorAt: input.anchorAt,
        sourceKey: input.sourceKey,
      })
      .onConflictDoNothing()
      .returning({ id: sopJourneyEnrollments.id });
    if (!created) {
      // A concurrent enrolment with the same key won the race: it is the one.
      const [winner] = await db
        .select({ id: sopJourneyEnrollments.id })
        .from(sopJourneyEnrollments)
        .where(
          and(
            eq(sopJourneyEnrollments.tenantId, tenantId),
            eq(sopJourneyEnrollments.journeyId, journey.id),
            eq(sopJourneyEnrollments.sourceKey, input.sourceKey),
          ),
        );
      return { enrollmentId: winner?.id ?? 0, duplicate: true, steps: 0 };
    }
    const steps = (await loadJourneySteps(tctx, [journey.id])).get(journey.id) ?? [];
    const serving = (await getServingStaff(tctx, [customer.id])).get(customer.id);
    const rows = steps.map((s) => {
      const { date, dueAt } = journeyStepDue(input.anchorAt, { dayOffset: s.dayOffset, time: s.time });
      return {
        tenantId,
        planKind: 'journey',
        planId: journey.id,
        sourceStepId: s.id,
        targetKind: 'customer',
        targetId: customer.id,
        enrollmentId: created.id,
        title: s.title,
        planDate: date,
        dueAt,
        content: s.content,
        condition: s.condition ?? null,
        staffId: serving?.staffId ?? null,
        storeId: customer.storeId,
      };
    });
    // A step already planned for the customer on that date (an earlier enrolment) is not doubled.
    const written = rows.length
      ? await db.insert(sopPlanSteps).values(rows).onConflictDoNothing().returning({ id: sopPlanSteps.id })
      : [];
    return { enrollmentId: created.id, duplicate: false, steps: written.length };
  });
}
