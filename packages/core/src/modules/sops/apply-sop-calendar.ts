import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { listActiveGroupsByTarget } from '../groups/group-targets.ts';
import { addDays, expandCalendar, shanghaiDate } from './sop-timing.ts';
import { sopCalendars, sopPlanSteps } from './sops.tables.ts';
import { loadCalendarItems, loadCalendarRow } from './to-sop-calendar.ts';

const CHUNK = 500;

/**
 * Materialises a calendar for its target groups: one plan step per (group, item, date) from now
 * to `horizon_days` ahead (today's slots already past are not planned). Re-applying updates the
 * time, title, content and assignee of planned steps no operator has edited (writing only rows
 * that changed), re-plans steps it cancelled, and cancels planned steps of items or groups that no
 * longer belong to it. A paused calendar cancels its future planned steps. Idempotent; the daily
 * `sops.materialise` job rolls it forward. `onlyGroupIds` plans those groups only and cancels nothing
 * (a group just created).
 * @example
 * const { planned, cancelled } = await applySopCalendar(ctx, calendarId);
 */
export async function applySopCalendar(
  ctx: Ctx,
  calendarId: number,
  options: { onlyGroupIds?: readonly number[] } = {},
): Promise<{ planned: number; cancelled: number }> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const calendar = await loadCalendarRow(tctx, calendarId, { forUpdate: true });
    const now = tctx.now();
    const key = (sourceStepId: number, targetId: number, planDate: string) => `${sourceStepId}:${targetId}:${planDate}`;
    const from = shanghaiDate(now);
    // What is planned from today on, so that only new or changed steps are written.
    const existing = new Map(
      (
        await db
          .select()
          .from(sopPlanSteps)
          .where(
            and(
              eq(sopPlanSteps.tenantId, tenantId),
              eq(sopPlanSteps.planKind, 'calendar'),
              eq(sopPlanSteps.planId, calendarId),
              gte(sopPlanSteps.planDate, from),
            ),
          )
      ).map((r) => [key(r.sourceStepId, r.targetId, r.planDate), r]),
    );
    const wanted = new Set<string>();
    if (calendar.status === 'active') {
      const items = (await loadCalendarItems(tctx, [calendarId])).get(calendarId) ?? [];
      const byId = new Map(items.map((i) => [i.id, i]));
      const only = options.onlyGroupIds ? new Set(options.onlyGroupIds) : null;
      const groups = (
        await listActiveGroupsByTarget(tctx, {
          storeIds: calendar.targetStoreIds,
          kinds: calendar.targetGroupKinds,
          groupIds: calendar.targetGroupIds,
        })
      ).filter((g) => !only || only.has(g.id));
      const slots = expandCalendar(
        calendar.timeline === 'daily' ? 'daily' : 'weekly',
        items,
        from,
        addDays(from, calendar.horizonDays - 1),
      ).filter((s) => s.dueAt.getTime() >= now.getTime());
      const rows = groups.flatMap((g) =>
        slots.flatMap((s) => {
          const item = byId.get(s.itemId);
          const k = key(s.itemId, g.id, s.date);
          wanted.add(k);
          const row = {
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
            appliedAt: now,
          };
          const had = existing.get(k);
          const same =
            had &&
            (had.edited ||
              (had.status !== 'planned' && had.status !== 'cancelled') ||
              (had.status === 'planned' &&
                had.column === row.column &&
                had.title === row.title &&
                had.dueAt.getTime() === row.dueAt.getTime() &&
                had.staffId === row.staffId &&
                had.storeId === row.storeId &&
                JSON.stringify(had.content) === JSON.stringify(row.content)));
          return same ? [] : [row];
        }),
      );
      const t = sopPlanSteps;
      const changed = sql.join(
        [t.column, t.title, t.dueAt, t.content, t.staffId, t.storeId].map(
          (c) => sql`${c} is distinct from excluded.${sql.identifier(c.name)}`,
        ),
        sql` or `,
      );
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db
          .insert(sopPlanSteps)
          .values(rows.slice(i, i + CHUNK))
          .onConflictDoUpdate({
            target: [t.tenantId, t.planKind, t.sourceStepId, t.targetKind, t.targetId, t.planDate],
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
            // Edited, done or in-flight steps stay as they are; unchanged ones are not rewritten.
            setWhere: sql`${t.edited} = false and (${t.status} = 'cancelled' or (${t.status} = 'planned' and (${changed})))`,
          });
      }
    }
    if (options.onlyGroupIds) return { planned: wanted.size, cancelled: 0 };
    // Future planned steps this apply no longer wants (an item or group left the calendar, or it is paused).
    const stale = [...existing.entries()]
      .filter(([k, r]) => r.status === 'planned' && !r.edited && r.dueAt.getTime() >= now.getTime() && !wanted.has(k))
      .map(([, r]) => r.id);
    for (let i = 0; i < stale.length; i += CHUNK) {
      await db
        .update(sopPlanSteps)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(sopPlanSteps.tenantId, tenantId), inArray(sopPlanSteps.id, stale.slice(i, i + CHUNK))));
    }
    await db
      .update(sopCalendars)
      .set({ appliedAt: now })
      .where(and(eq(sopCalendars.tenantId, tenantId), eq(sopCalendars.id, calendarId)));
    return { planned: wanted.size, cancelled: stale.length };
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
