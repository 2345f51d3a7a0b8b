import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { unitExists } from '../org/lookups.ts';
import { applySopCalendar, cancelItemSteps } from './apply-sop-calendar.ts';
import { assertSopContent, assertSopEditor } from './sop-scope.ts';
import type { TCreateSopCalendar, TSopCalendar, TSopCalendarItemInput, TUpdateSopCalendar } from './sops.schemas.ts';
import { sopCalendarItems, sopCalendars, type TSopColumn } from './sops.tables.ts';
import { getSopCalendar, loadCalendarItems, loadCalendarRow } from './to-sop-calendar.ts';

type TTargets = TCreateSopCalendar['targets'];

function checkShape(timeline: 'daily' | 'weekly', columns: readonly TSopColumn[], items: readonly TSopCalendarItemInput[]) {
  const names = new Set<string>();
  for (const c of columns) {
    if (names.has(c.name)) throw new AppError('VALIDATION', `columns: "${c.name}" appears twice. Give each column its own name.`);
    names.add(c.name);
  }
  items.forEach((item, i) => {
    if (!names.has(item.column))
      throw new AppError(
        'VALIDATION',
        `items.${i}.column: "${item.column}" is not a column of this calendar. Pick one of its columns.`,
      );
    if (timeline === 'weekly' && !item.weekday)
      throw new AppError(
        'VALIDATION',
        `items.${i}.weekday: a weekly calendar needs the weekday (1 Monday … 7 Sunday) of each item.`,
      );
  });
}

async function checkTargets(ctx: Ctx, targets: TTargets) {
  if (targets.storeIds.length + targets.groupKinds.length + targets.groupIds.length === 0)
    throw new AppError('VALIDATION', 'targets: choose at least one store, group tag or group.');
  for (const storeId of targets.storeIds) {
    if (!(await unitExists(ctx, storeId, 'store')))
      throw new AppError('VALIDATION', `targets.storeIds: store ${storeId} does not exist. Pick a store from the list.`);
  }
  const groups = await getGroupRefsByIds(ctx, targets.groupIds);
  const missing = targets.groupIds.find((id) => !groups.has(id));
  if (missing) throw new AppError('VALIDATION', `targets.groupIds: group ${missing} does not exist. Pick a group from the list.`);
}

// Replaces the calendar's items by `items`: kept ids are updated, new ones inserted, the rest deleted.
async function replaceItems(ctx: Ctx, calendarId: number, items: readonly TSopCalendarItemInput[], timeline: 'daily' | 'weekly') {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const existing = (await loadCalendarItems(ctx, [calendarId])).get(calendarId) ?? [];
  const existingIds = new Set(existing.map((i) => i.id));
  const keep = new Set<number>();
  for (const [i, item] of items.entries()) {
    await assertSopContent(ctx, item.content, `items.${i}.content`);
    const values = {
      column: item.column,
      weekday: timeline === 'weekly' ? (item.weekday ?? null) : null,
      time: item.time,
      title: item.title,
      content: item.content as Record<string, unknown>,
    };
    if (item.id !== undefined) {
      if (!existingIds.has(item.id))
        throw new AppError(
          'VALIDATION',
          `items.${i}.id: item ${item.id} is not in this calendar. Leave the id out to add a new item.`,
        );
      keep.add(item.id);
      await db
        .update(sopCalendarItems)
        .set(values)
        .where(and(eq(sopCalendarItems.tenantId, tenantId), eq(sopCalendarItems.id, item.id)));
    } else {
      await db.insert(sopCalendarItems).values({ tenantId, calendarId, ...values });
    }
  }
  const removed = existing.filter((i) => !keep.has(i.id)).map((i) => i.id);
  if (removed.length) {
    await cancelItemSteps(ctx, removed);
    await db.delete(sopCalendarItems).where(and(eq(sopCalendarItems.tenantId, tenantId), inArray(sopCalendarItems.id, removed)));
  }
}

/**
 * Creates a group SOP calendar with its items and applies it to its target groups at once.
 * @example
 * await createSopCalendar(ctx, { name: '门店社群日历', timeline: 'weekly', columns: [{ name: '每日好物', color: '#fa8c16' }], targets: { storeIds: [3], groupKinds: [], groupIds: [] }, items: [...] });
 */
export async function createSopCalendar(ctx: Ctx, input: TCreateSopCalendar): Promise<TSopCalendar> {
  assertSopEditor(ctx, 'create SOP calendars');
  checkShape(input.timeline, input.columns, input.items);
  await checkTargets(ctx, input.targets);
  if (input.items.some((i) => i.id !== undefined))
    throw new AppError('VALIDATION', 'items: a new calendar has no item ids. Leave the ids out.');
  const id = await inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(sopCalendars)
      .values({
        tenantId: tctx.actor.tenantId,
        name: input.name,
        timeline: input.timeline,
        columns: input.columns,
        targetStoreIds: input.targets.storeIds,
        targetGroupKinds: input.targets.groupKinds,
        targetGroupIds: input.targets.groupIds,
        delivery: input.delivery,
        horizonDays: input.horizonDays,
        status: input.status,
        createdBy: tctx.actor.name,
      })
      .returning({ id: sopCalendars.id });
    if (!row) throw new AppError('INTERNAL', 'The calendar was not created.');
    await replaceItems(tctx, row.id, input.items, input.timeline);
    await applySopCalendar(tctx, row.id);
    return row.id;
  });
  return getSopCalendar(ctx, id);
}

/** Changes a calendar (items are replaced as a whole) and re-applies it. */
export async function updateSopCalendar(ctx: Ctx, id: number, input: TUpdateSopCalendar): Promise<TSopCalendar> {
  assertSopEditor(ctx, 'change SOP calendars');
  requireChanges(input);
  await inTransaction(ctx, async (tctx) => {
    const row = await loadCalendarRow(tctx, id, { forUpdate: true });
    const timeline = (input.timeline ?? row.timeline) as 'daily' | 'weekly';
    const columns = input.columns ?? row.columns;
    const currentItems = ((await loadCalendarItems(tctx, [id])).get(id) ?? []).map((i) => ({
      id: i.id,
      column: i.column,
      weekday: i.weekday,
      time: i.time,
      title: i.title,
      content: i.content as TSopCalendarItemInput['content'],
    }));
    checkShape(timeline, columns, input.items ?? currentItems);
    if (input.targets) await checkTargets(tctx, input.targets);
    await dbOf(tctx)
      .update(sopCalendars)
      .set({
        name: input.name,
        timeline: input.timeline,
        columns: input.columns,
        targetStoreIds: input.targets?.storeIds,
        targetGroupKinds: input.targets?.groupKinds,
        targetGroupIds: input.targets?.groupIds,
        delivery: input.delivery,
        horizonDays: input.horizonDays,
        status: input.status,
        updatedAt: tctx.now(),
      })
      .where(and(eq(sopCalendars.tenantId, tctx.actor.tenantId), eq(sopCalendars.id, id)));
    if (input.items) await replaceItems(tctx, id, input.items, timeline);
    await applySopCalendar(tctx, id);
  });
  return getSopCalendar(ctx, id);
}
