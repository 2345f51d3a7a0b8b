import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TSopCalendar } from './sops.schemas.ts';
import { sopCalendarItems, sopCalendars } from './sops.tables.ts';

type TCalendarRow = typeof sopCalendars.$inferSelect;
type TItemRow = typeof sopCalendarItems.$inferSelect;

/** Items of calendars, by calendar id, in display order (weekday, time, id). */
export async function loadCalendarItems(ctx: Ctx, calendarIds: readonly number[]): Promise<Map<number, TItemRow[]>> {
  const byCalendar = new Map<number, TItemRow[]>();
  if (calendarIds.length === 0) return byCalendar;
  const rows = await dbOf(ctx)
    .select()
    .from(sopCalendarItems)
    .where(and(eq(sopCalendarItems.tenantId, ctx.actor.tenantId), inArray(sopCalendarItems.calendarId, [...calendarIds])))
    .orderBy(asc(sopCalendarItems.weekday), asc(sopCalendarItems.time), asc(sopCalendarItems.id));
  for (const r of rows) byCalendar.set(r.calendarId, [...(byCalendar.get(r.calendarId) ?? []), r]);
  return byCalendar;
}

export function toSopCalendar(row: TCalendarRow, items: readonly TItemRow[]): TSopCalendar {
  return {
    id: row.id,
    name: row.name,
    timeline: row.timeline as TSopCalendar['timeline'],
    columns: row.columns,
    targets: { storeIds: row.targetStoreIds, groupKinds: row.targetGroupKinds, groupIds: row.targetGroupIds },
    delivery: row.delivery as TSopCalendar['delivery'],
    horizonDays: row.horizonDays,
    status: row.status as TSopCalendar['status'],
    items: items.map((i) => ({
      id: i.id,
      column: i.column,
      weekday: i.weekday,
      time: i.time,
      title: i.title,
      content: i.content,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}

/** The calendar row, or NOT_FOUND. */
export async function loadCalendarRow(ctx: Ctx, id: number, options: { forUpdate?: boolean } = {}): Promise<TCalendarRow> {
  const q = dbOf(ctx)
    .select()
    .from(sopCalendars)
    .where(and(eq(sopCalendars.tenantId, ctx.actor.tenantId), eq(sopCalendars.id, id)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('SOP calendar', id);
  return row;
}

/** One calendar with its items. */
export async function getSopCalendar(ctx: Ctx, id: number): Promise<TSopCalendar> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view SOP calendars');
  const row = await loadCalendarRow(ctx, id);
  const items = await loadCalendarItems(ctx, [id]);
  return toSopCalendar(row, items.get(id) ?? []);
}
