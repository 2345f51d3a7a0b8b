import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { getStaffNames } from '../org/lookups.ts';
import { stepProgress, type TStepStatus } from './sop-timing.ts';
import type { TSopPlanStep } from './sops.schemas.ts';
import { sopCalendars, sopJourneys, type sopPlanSteps } from './sops.tables.ts';

type TStepRow = typeof sopPlanSteps.$inferSelect;

async function planNames(ctx: Ctx, kind: 'calendar' | 'journey', ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const table = kind === 'calendar' ? sopCalendars : sopJourneys;
  const rows = await dbOf(ctx)
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.tenantId, ctx.actor.tenantId), inArray(table.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Plan step rows as the API shows them, with the names of plan, target and staff. */
export async function toPlanSteps(ctx: Ctx, rows: readonly TStepRow[]): Promise<TSopPlanStep[]> {
  const ids = (pred: (r: TStepRow) => boolean, pick: (r: TStepRow) => number | null) =>
    rows.filter(pred).flatMap((r) => {
      const v = pick(r);
      return v === null ? [] : [v];
    });
  const [calendars, journeys, groups, customers, staffNames] = await Promise.all([
    planNames(
      ctx,
      'calendar',
      ids(
        (r) => r.planKind === 'calendar',
        (r) => r.planId,
      ),
    ),
    planNames(
      ctx,
      'journey',
      ids(
        (r) => r.planKind === 'journey',
        (r) => r.planId,
      ),
    ),
    getGroupRefsByIds(
      ctx,
      ids(
        (r) => r.targetKind === 'group',
        (r) => r.targetId,
      ),
    ),
    getCustomerNames(
      ctx,
      ids(
        (r) => r.targetKind === 'customer',
        (r) => r.targetId,
      ),
    ),
    getStaffNames(
      ctx,
      ids(
        () => true,
        (r) => r.staffId,
      ),
    ),
  ]);
  const now = ctx.now();
  return rows.map((r) => ({
    id: r.id,
    planKind: r.planKind as TSopPlanStep['planKind'],
    planId: r.planId,
    planName: (r.planKind === 'calendar' ? calendars : journeys).get(r.planId) ?? null,
    sourceStepId: r.sourceStepId,
    targetKind: r.targetKind as TSopPlanStep['targetKind'],
    targetId: r.targetId,
    targetName: r.targetKind === 'group' ? (groups.get(r.targetId)?.name ?? null) : (customers.get(r.targetId) ?? null),
    column: r.column,
    title: r.title,
    planDate: r.planDate,
    dueAt: r.dueAt.toISOString(),
    content: r.content,
    hasCondition: r.condition != null,
    staffId: r.staffId,
    staffName: r.staffId ? (staffNames.get(r.staffId) ?? null) : null,
    storeId: r.storeId,
    status: r.status,
    progress: stepProgress({ status: r.status as TStepStatus, dueAt: r.dueAt }, now),
    skipReason: r.skipReason,
    taskId: r.taskId,
    actionId: r.actionId,
    edited: r.edited,
  }));
}
