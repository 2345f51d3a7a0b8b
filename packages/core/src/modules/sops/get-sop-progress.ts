import { and, eq, gte, lte, ne, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import { syncSopStepTasks } from './remind-sop-steps.ts';
import { planStepScope } from './sop-scope.ts';
import { addDays, daysBetween, SOP_OVERDUE_AFTER_MINUTES, shanghaiDate } from './sop-timing.ts';
import type { TProgressRow, TRangeQuery, TSopProgress } from './sops.schemas.ts';
import { sopPlanSteps } from './sops.tables.ts';
import { loadCalendarRow } from './to-sop-calendar.ts';
import { loadJourneyRow } from './to-sop-journey.ts';

type TCounts = { due: number; done: number; overdue: number; skipped: number };
const zero = (): TCounts => ({ due: 0, done: 0, overdue: 0, skipped: 0 });
const add = (a: TCounts, b: TCounts) => {
  a.due += b.due;
  a.done += b.done;
  a.overdue += b.overdue;
  a.skipped += b.skipped;
};

/**
 * Completion of a calendar's or journey's steps per store and per staff member, for plan dates
 * `from`..`to` (default the last 7 days): `due` steps whose time has come (not cancelled), `done`
 * (sent, or their task done), `overdue` (still open `SOP_OVERDUE_AFTER_MINUTES` after due),
 * `skipped`. Guide task completion is synced first. In the actor's scope.
 */
export async function getSopProgress(
  ctx: Ctx,
  kind: 'calendars' | 'journeys',
  id: number,
  range: TRangeQuery,
): Promise<TSopProgress> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view SOP progress');
  if (kind === 'calendars') await loadCalendarRow(ctx, id);
  else await loadJourneyRow(ctx, id);
  const planKind = kind === 'calendars' ? 'calendar' : 'journey';
  const today = shanghaiDate(ctx.now());
  const to = range.to ?? today;
  const from = range.from ?? addDays(to, -6);
  if (daysBetween(from, to) < 0) throw new AppError('VALIDATION', 'to: the end date is before the start date. Swap them.');
  if (daysBetween(from, to) > 366) throw new AppError('VALIDATION', 'Progress covers at most a year. Pick a shorter range.');
  const inPlan = [
    eq(sopPlanSteps.planKind, planKind),
    eq(sopPlanSteps.planId, id),
    gte(sopPlanSteps.planDate, from),
    lte(sopPlanSteps.planDate, to),
  ];
  await syncSopStepTasks(ctx, inPlan);
  const now = ctx.now();
  const late = new Date(now.getTime() - SOP_OVERDUE_AFTER_MINUTES * 60_000).toISOString();
  const rows = await dbOf(ctx)
    .select({
      storeId: sopPlanSteps.storeId,
      staffId: sopPlanSteps.staffId,
      due: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${sopPlanSteps.status} in ('sent', 'done'))::int`,
      skipped: sql<number>`count(*) filter (where ${sopPlanSteps.status} = 'skipped')::int`,
      overdue: sql<number>`count(*) filter (where ${sopPlanSteps.status} in ('planned', 'due', 'task_created') and ${sopPlanSteps.dueAt} <= ${late})::int`,
    })
    .from(sopPlanSteps)
    .where(and(...planStepScope(ctx), ...inPlan, ne(sopPlanSteps.status, 'cancelled'), lte(sopPlanSteps.dueAt, now)))
    .groupBy(sopPlanSteps.storeId, sopPlanSteps.staffId);
  const [staffNames, storeNames] = await Promise.all([
    getStaffNames(
      ctx,
      rows.flatMap((r) => (r.staffId ? [r.staffId] : [])),
    ),
    getUnitNames(
      ctx,
      rows.flatMap((r) => (r.storeId ? [r.storeId] : [])),
    ),
  ]);
  const totals = zero();
  const stores = new Map<number | null, TCounts>();
  const staff = new Map<string, TProgressRow>();
  for (const r of rows) {
    const c: TCounts = { due: Number(r.due), done: Number(r.done), overdue: Number(r.overdue), skipped: Number(r.skipped) };
    add(totals, c);
    const s = stores.get(r.storeId) ?? zero();
    add(s, c);
    stores.set(r.storeId, s);
    const key = `${r.staffId ?? ''}:${r.storeId ?? ''}`;
    const row = staff.get(key) ?? {
      id: r.staffId,
      name: r.staffId ? (staffNames.get(r.staffId) ?? null) : null,
      storeId: r.storeId,
      ...zero(),
    };
    add(row, c);
    staff.set(key, row);
  }
  const byOverdue = (a: TProgressRow, b: TProgressRow) => b.overdue - a.overdue || b.due - a.due || (a.id ?? 0) - (b.id ?? 0);
  return {
    from,
    to,
    totals,
    stores: [...stores.entries()]
      .map(([storeId, c]) => ({ id: storeId, name: storeId ? (storeNames.get(storeId) ?? null) : null, storeId, ...c }))
      .sort(byOverdue),
    staff: [...staff.values()].sort(byOverdue),
  };
}
