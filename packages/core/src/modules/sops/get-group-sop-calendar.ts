import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getGroup } from '../groups/list-groups.ts';
import { addDays, daysBetween, isoWeekday, shanghaiDate } from './sop-timing.ts';
import type { TGroupCalendar, TRangeQuery } from './sops.schemas.ts';
import { sopPlanSteps } from './sops.tables.ts';
import { toPlanSteps } from './to-plan-steps.ts';

/** The longest range one calendar view covers. */
export const GROUP_CALENDAR_MAX_DAYS = 62;

/** Monday of the week of `date`. */
const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

/**
 * One group's SOP calendar: its plan steps (all calendars) by day, `from`..`to` inclusive
 * (default: this week, Monday to Sunday, Shanghai). NOT_FOUND for a group outside the actor's scope.
 */
export async function getGroupSopCalendar(ctx: Ctx, groupId: number, range: TRangeQuery): Promise<TGroupCalendar> {
  const group = await getGroup(ctx, groupId);
  const from = range.from ?? mondayOf(shanghaiDate(ctx.now()));
  const to = range.to ?? addDays(from, 6);
  const span = daysBetween(from, to);
  if (span < 0) throw new AppError('VALIDATION', 'to: the end date is before the start date. Swap them.');
  if (span >= GROUP_CALENDAR_MAX_DAYS)
    throw new AppError('VALIDATION', `A calendar view covers at most ${GROUP_CALENDAR_MAX_DAYS} days. Pick a shorter range.`);
  const rows = await dbOf(ctx)
    .select()
    .from(sopPlanSteps)
    .where(
      and(
        eq(sopPlanSteps.tenantId, ctx.actor.tenantId),
        eq(sopPlanSteps.targetKind, 'group'),
        eq(sopPlanSteps.targetId, group.id),
        gte(sopPlanSteps.planDate, from),
        lte(sopPlanSteps.planDate, to),
      ),
    )
    .orderBy(asc(sopPlanSteps.dueAt), asc(sopPlanSteps.id))
    .limit(2000);
  const steps = await toPlanSteps(ctx, rows);
  const days = Array.from({ length: span + 1 }, (_, i) => {
    const date = addDays(from, i);
    return { date, weekday: isoWeekday(date), steps: steps.filter((s) => s.planDate === date) };
  });
  return { groupId: group.id, groupName: group.name, from, to, days };
}
