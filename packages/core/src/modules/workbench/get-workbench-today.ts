import type { Ctx } from '../../context.ts';
import { localDate } from '../checkins/checkin-days.ts';
import { listDayTasks } from '../tasks/list-day-tasks.ts';
import { localDayWindow, type TWorkbenchSection, workbenchSection } from '../tasks/task-rules.ts';
import type { TWorkbenchToday } from './workbench.schemas.ts';
import { workbenchActor } from './workbench-actor.ts';

const SECTIONS: TWorkbenchSection[] = ['sop', 'follow_up', 'broadcast', 'moment'];

/**
 * 今日任务: the guide's open tasks due by the end of today (overdue first) and those closed today,
 * grouped into SOP steps, follow-ups, broadcasts to confirm and moments.
 */
export async function getWorkbenchToday(ctx: Ctx, staffId?: number): Promise<TWorkbenchToday> {
  const who = await workbenchActor(ctx, staffId);
  const now = ctx.now();
  const day = localDayWindow(now);
  const tasks = await listDayTasks(who.ctx, { staffId: who.staff.id, ...day });
  // Open tasks first (overdue at the top, by due time), then the closed ones.
  const rank = (t: (typeof tasks)[number]) => (t.status === 'open' ? (t.overdue ? 0 : 1) : 2);
  tasks.sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
  const count = (pred: (t: (typeof tasks)[number]) => boolean) => tasks.filter(pred).length;
  return {
    staff: { id: who.staff.id, name: who.staff.name, storeId: who.staff.storeId },
    preview: who.preview,
    date: localDate(now),
    counts: {
      total: tasks.length,
      open: count((t) => t.status === 'open'),
      overdue: count((t) => t.overdue),
      done: count((t) => t.status === 'done'),
      skipped: count((t) => t.status === 'skipped'),
    },
    sections: SECTIONS.map((key) => {
      const mine = tasks.filter((t) => workbenchSection(t.kind) === key);
      return { key, open: mine.filter((t) => t.status === 'open').length, tasks: mine };
    }),
  };
}
