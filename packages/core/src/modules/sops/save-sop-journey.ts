import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertSopContent, assertSopEditor } from './sop-scope.ts';
import type { TCreateSopJourney, TSopJourney, TSopJourneyStepInput, TUpdateSopJourney } from './sops.schemas.ts';
import { sopJourneySteps, sopJourneys, sopPlanSteps } from './sops.tables.ts';
import { getSopJourney, loadJourneyRow, loadJourneySteps } from './to-sop-journey.ts';

function checkTrigger(trigger: string, statePrefix: string | null | undefined) {
  if (trigger !== 'customer_added' && statePrefix)
    throw new AppError(
      'VALIDATION',
      'statePrefix: only a journey triggered by customer adds can filter by state. Clear it or change the trigger.',
    );
}

const stepValues = (s: TSopJourneyStepInput, position: number) => ({
  dayOffset: s.dayOffset,
  time: s.time,
  title: s.title,
  content: s.content as Record<string, unknown>,
  condition: (s.condition ?? null) as Record<string, unknown> | null,
  position,
});

// Replaces the steps: kept ids are updated (their planned, unedited steps take the new title,
// content and condition; timing stays as planned), new ones inserted, the rest deleted and their
// planned steps cancelled. New steps apply to enrolments from now on.
async function replaceSteps(ctx: Ctx, journeyId: number, steps: readonly TSopJourneyStepInput[]) {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const existing = (await loadJourneySteps(ctx, [journeyId])).get(journeyId) ?? [];
  const existingIds = new Set(existing.map((s) => s.id));
  const keep = new Set<number>();
  for (const [i, step] of steps.entries()) {
    await assertSopContent(ctx, step.content, `steps.${i}.content`);
    const values = stepValues(step, i);
    if (step.id !== undefined) {
      if (!existingIds.has(step.id))
        throw new AppError(
          'VALIDATION',
          `steps.${i}.id: step ${step.id} is not in this journey. Leave the id out to add a step.`,
        );
      keep.add(step.id);
      await db
        .update(sopJourneySteps)
        .set(values)
        .where(and(eq(sopJourneySteps.tenantId, tenantId), eq(sopJourneySteps.id, step.id)));
      await db
        .update(sopPlanSteps)
        .set({ title: values.title, content: values.content, condition: values.condition, updatedAt: ctx.now() })
        .where(
          and(
            eq(sopPlanSteps.tenantId, tenantId),
            eq(sopPlanSteps.planKind, 'journey'),
            eq(sopPlanSteps.sourceStepId, step.id),
            eq(sopPlanSteps.status, 'planned'),
            eq(sopPlanSteps.edited, false),
          ),
        );
    } else {
      await db.insert(sopJourneySteps).values({ tenantId, journeyId, ...values });
    }
  }
  const removed = existing.filter((s) => !keep.has(s.id)).map((s) => s.id);
  if (removed.length) {
    await db
      .update(sopPlanSteps)
      .set({ status: 'cancelled', updatedAt: ctx.now() })
      .where(
        and(
          eq(sopPlanSteps.tenantId, tenantId),
          eq(sopPlanSteps.planKind, 'journey'),
          inArray(sopPlanSteps.sourceStepId, removed),
          eq(sopPlanSteps.status, 'planned'),
        ),
      );
    await db.delete(sopJourneySteps).where(and(eq(sopJourneySteps.tenantId, tenantId), inArray(sopJourneySteps.id, removed)));
  }
}

/**
 * Creates a customer journey SOP. With the `customer_added` trigger every later add (matching the
 * state prefix / new-customer filter) enrols the customer; with `enrollment`, the API or an
 * automation does (`enrollInJourney`).
 * @example
 * await createSopJourney(ctx, { name: '新客 7 天关怀', trigger: 'customer_added', newCustomersOnly: true, status: 'active', steps: [{ dayOffset: 0, time: null, title: '欢迎', content: { text: '…' } }] });
 */
export async function createSopJourney(ctx: Ctx, input: TCreateSopJourney): Promise<TSopJourney> {
  assertSopEditor(ctx, 'create SOP journeys');
  checkTrigger(input.trigger, input.statePrefix);
  if (input.steps.some((s) => s.id !== undefined))
    throw new AppError('VALIDATION', 'steps: a new journey has no step ids. Leave the ids out.');
  const id = await inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(sopJourneys)
      .values({
        tenantId: tctx.actor.tenantId,
        name: input.name,
        trigger: input.trigger,
        statePrefix: input.statePrefix ?? null,
        newCustomersOnly: input.newCustomersOnly,
        status: input.status,
        createdBy: tctx.actor.name,
      })
      .returning({ id: sopJourneys.id });
    if (!row) throw new AppError('INTERNAL', 'The journey was not created.');
    await replaceSteps(tctx, row.id, input.steps);
    return row.id;
  });
  return getSopJourney(ctx, id);
}

/** Changes a journey; `steps` replaces the list (see replaceSteps). Pausing skips its due steps. */
export async function updateSopJourney(ctx: Ctx, id: number, input: TUpdateSopJourney): Promise<TSopJourney> {
  assertSopEditor(ctx, 'change SOP journeys');
  requireChanges(input);
  await inTransaction(ctx, async (tctx) => {
    const row = await loadJourneyRow(tctx, id, { forUpdate: true });
    checkTrigger(input.trigger ?? row.trigger, input.statePrefix === undefined ? row.statePrefix : input.statePrefix);
    await dbOf(tctx)
      .update(sopJourneys)
      .set({
        name: input.name,
        trigger: input.trigger,
        statePrefix: input.statePrefix,
        newCustomersOnly: input.newCustomersOnly,
        status: input.status,
        updatedAt: tctx.now(),
      })
      .where(and(eq(sopJourneys.tenantId, tctx.actor.tenantId), eq(sopJourneys.id, id)));
    if (input.steps) await replaceSteps(tctx, id, input.steps);
  });
  return getSopJourney(ctx, id);
}
