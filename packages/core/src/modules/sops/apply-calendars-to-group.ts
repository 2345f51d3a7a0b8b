import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { applySopCalendar } from './apply-sop-calendar.ts';
import { sopCalendars } from './sops.tables.ts';

/** Whether a calendar's targets take in this group (pure). */
export function calendarTargetsGroup(
  calendar: { targetStoreIds: readonly number[]; targetGroupKinds: readonly string[]; targetGroupIds: readonly number[] },
  group: { id: number; storeId: number | null; kind: string },
): boolean {
  return (
    calendar.targetGroupIds.includes(group.id) ||
    calendar.targetGroupKinds.includes(group.kind) ||
    (group.storeId !== null && calendar.targetStoreIds.includes(group.storeId))
  );
}

/**
 * `group.created` subscriber: plans the steps of every active calendar that targets the new group
 * at once, instead of waiting for the daily apply. Returns how many calendars applied.
 */
export async function applyCalendarsToGroup(ctx: Ctx, groupId: number): Promise<number> {
  const group = await getGroupRef(ctx, groupId);
  if (group?.status !== 'active') return 0;
  const calendars = await dbOf(ctx)
    .select({
      id: sopCalendars.id,
      targetStoreIds: sopCalendars.targetStoreIds,
      targetGroupKinds: sopCalendars.targetGroupKinds,
      targetGroupIds: sopCalendars.targetGroupIds,
    })
    .from(sopCalendars)
    .where(and(eq(sopCalendars.tenantId, ctx.actor.tenantId), eq(sopCalendars.status, 'active')));
  let applied = 0;
  for (const c of calendars) {
    if (!calendarTargetsGroup(c, group)) continue;
    await applySopCalendar(ctx, c.id, { onlyGroupIds: [group.id] });
    applied++;
  }
  return applied;
}
