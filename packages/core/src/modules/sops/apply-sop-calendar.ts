import { and, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { listActiveGroupsByTarget } from '../groups/group-targets.ts';
import { addDays, expandCalendar, shanghaiDate } from './sop-timing.ts';
import { sopCalendars, sopPlanSteps } from './sops.tables.ts';
import { loadCalendarItems, loadCalendarRow } from './to-sop-calendar.ts';

const CHUNK = 500;

/**
 * Materialises a calendar for its target groups: one plan step per (group, item, date) from now
 * to `horizon_days` ahead (today's slots already past are not planned). Re-applying updates the
 * time, title and content of planned steps no operator has edited, re-plans steps it cancelled,
 * and cancels planned steps of items or groups that no longer belong to it. A paused calendar
 * cancels its future planned steps. Idempotent; the daily `sops.materialise` job rolls it forward.
 * @example
 * const { planned, cancelled } = await applySopCalendar(ctx, calendarId);
 */
export async function applySopCalendar(ctx: Ctx, calendarId: number): Promise<{ planned: number; cancelled: number }> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const calendar = await loadCalendarRow(tctx, calendarId, { forUpdate: true });
    const now = tctx.now();
    // A stamp strictly after the previous apply's, so steps this run did not write can be told apart.
    const stamp = new Date(Math.max(now.getTime(), (calendar.appliedAt?.getTime() ?? 0) + 1));
    const future = and(
      eq(sopPlanSteps.tenantId, tenantId),
      eq(sopPlanSteps.planKind, 'calendar'),
      eq(sopPlanSteps.planId, calendarId),
      eq(sopPlanSteps.status, 'planned'),
      gte(sopPlanSteps.dueAt, now),
    );
    let planned = 0;
    if (calendar.status === 'active') {
      const items = (await loadCalendarItems(tctx, [calendarId])).get(calendarId) ?? [];
      const byId = new Map(items.map((i) => [i.id, i]));
      const groups = await listActiveGroupsByTarget(tctx, {
        storeIds: calendar.targetStoreIds,
        kinds: calendar.targetGroupKinds,
        groupIds: calendar.targetGroupIds,
      });
      const from = shanghaiDate(now);
      const slots = expandCalendar(
        calendar.timeline === 'daily' ? 'daily' : 'weekly',
        items,
        from,
        addDays(from, calendar.horizonDays - 1),
      ).filter((s) => s.dueAt.getTime() >= now.getTime());
      const rows = groups.flatMap((g) =>
        slots.map((s) => {
          const item = byId.get(s.itemId);
          return {
            tenantId,
            planKind: 'calendar',
            planId: calendarId,
            sourceStepId: s.itemId,
            targetKind: 'group',
            targetId: g.id,
            column: item?.column ?? null,
            title: item?.title ?? '',
            planDate: s.date,
            dueAt: s.dueAt,
            content: item?.content ?? {},
            staffId: g.ownerStaffId,
            storeId: g.storeId,
            appliedAt: stamp,
          };
        }),
      );
      for (let i = 0; i < rows.length; i += CHUNK) {
        const written = await db
          .insert(sopPlanSteps)
          .values(rows.slice(i, i + CHUNK))
          .onConflictDoUpdate({
            target: [
              sopPlanSteps.tenantId,
              sopPlanSteps.planKind,
              sopPlanSteps.sourceStepId,
              sopPlanSteps.targetKind,
              sopPlanSteps.targetId,
              sopPlanSteps.planDate,
            ],
            set: {
              column: sql`excluded.column`,
              title: sql`excluded.title`,
              dueAt: sql`excluded.due_at`,
              content: sql`excluded.content`,
              staffId: sql`excluded.staff_id`,
              storeId: sql`excluded.store_id`,
              appliedAt: sql`excluded.applied_at`,
              status: 'planned',
              updatedAt: now,
            },
            // Edited, done or in-flight steps stay as they are.
            setWhere: sql`${sopPlanSteps.edited} = false and ${sopPlanSteps.status} in ('planned', 'cancelled')`,
          })
          .returning({ id: sopPlanSteps.id });
        planned += written.length;
      }
    }
    const cancelled = await db
      .update(sopPlanSteps)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(future, eq(sopPlanSteps.edited, false), or(isNull(sopPlanSteps.appliedAt), ne(sopPlanSteps.appliedAt, stamp))))
      .returning({ id: sopPlanSteps.id });
    await db
      .update(sopCalendars)
      .set({ appliedAt: stamp })
      .where(and(eq(sopCalendars.tenantId, tenantId), eq(sopCalendars.id, calendarId)));
    return { planned, cancelled: cancelled.length };
  });
}

/** Cancels the future planned steps of these calendar items (items deleted from a calendar). */
export async function cancelItemSteps(ctx: Ctx, itemIds: readonly number[]): Promise<void> {
  if (itemIds.length === 0) return;
  await dbOf(ctx)
    .update(sopPlanSteps)
    .set({ status: 'cancelled', updatedAt: ctx.now() })
    .where(
      and(
        eq(sopPlanSteps.tenantId, ctx.actor.tenantId),
        eq(sopPlanSteps.planKind, 'calendar'),
        inArray(sopPlanSteps.sourceStepId, [...itemIds]),
        eq(sopPlanSteps.status, 'planned'),
      ),
    );
}
