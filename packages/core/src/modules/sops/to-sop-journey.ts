import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TSopJourney } from './sops.schemas.ts';
import { sopJourneyEnrollments, sopJourneySteps, sopJourneys } from './sops.tables.ts';

type TJourneyRow = typeof sopJourneys.$inferSelect;
export type TJourneyStepRow = typeof sopJourneySteps.$inferSelect;

/** Steps of journeys by journey id, in order (day offset, time, position). */
export async function loadJourneySteps(ctx: Ctx, journeyIds: readonly number[]): Promise<Map<number, TJourneyStepRow[]>> {
  const byJourney = new Map<number, TJourneyStepRow[]>();
  if (journeyIds.length === 0) return byJourney;
  const rows = await dbOf(ctx)
    .select()
    .from(sopJourneySteps)
    .where(and(eq(sopJourneySteps.tenantId, ctx.actor.tenantId), inArray(sopJourneySteps.journeyId, [...journeyIds])))
    .orderBy(asc(sopJourneySteps.dayOffset), asc(sopJourneySteps.time), asc(sopJourneySteps.position), asc(sopJourneySteps.id));
  for (const r of rows) byJourney.set(r.journeyId, [...(byJourney.get(r.journeyId) ?? []), r]);
  return byJourney;
}

/** Enrolment counts by journey id. */
export async function countEnrollments(ctx: Ctx, journeyIds: readonly number[]): Promise<Map<number, number>> {
  if (journeyIds.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ journeyId: sopJourneyEnrollments.journeyId, n: count() })
    .from(sopJourneyEnrollments)
    .where(and(eq(sopJourneyEnrollments.tenantId, ctx.actor.tenantId), inArray(sopJourneyEnrollments.journeyId, [...journeyIds])))
    .groupBy(sopJourneyEnrollments.journeyId);
  return new Map(rows.map((r) => [r.journeyId, r.n]));
}

export function toSopJourney(row: TJourneyRow, steps: readonly TJourneyStepRow[], enrollments: number): TSopJourney {
  return {
    id: row.id,
    name: row.name,
    trigger: row.trigger as TSopJourney['trigger'],
    statePrefix: row.statePrefix,
    newCustomersOnly: row.newCustomersOnly,
    status: row.status as TSopJourney['status'],
    steps: steps.map((s) => ({
      id: s.id,
      dayOffset: s.dayOffset,
      time: s.time,
      title: s.title,
      content: s.content,
      condition: s.condition ?? null,
    })),
    enrollments,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
  };
}

export async function loadJourneyRow(ctx: Ctx, id: number, options: { forUpdate?: boolean } = {}): Promise<TJourneyRow> {
  const q = dbOf(ctx)
    .select()
    .from(sopJourneys)
    .where(and(eq(sopJourneys.tenantId, ctx.actor.tenantId), eq(sopJourneys.id, id)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('SOP journey', id);
  return row;
}

/** One journey with its steps and how many customers were enrolled. */
export async function getSopJourney(ctx: Ctx, id: number): Promise<TSopJourney> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view SOP journeys');
  const row = await loadJourneyRow(ctx, id);
  const [steps, counts] = await Promise.all([loadJourneySteps(ctx, [id]), countEnrollments(ctx, [id])]);
  return toSopJourney(row, steps.get(id) ?? [], counts.get(id) ?? 0);
}
