// Pure rules of guide tasks: status transitions, the undo window, overdue, reminders, expiry,
// rates and the local-day windows the workbench counts in. No I/O, table-tested.

export const GUIDE_TASK_STATUSES = ['open', 'done', 'skipped', 'expired'] as const;
export type TGuideTaskStatus = (typeof GUIDE_TASK_STATUSES)[number];

/** A done or skipped task can be reopened (undo) for this long after it was closed. */
export const REOPEN_WINDOW_MS = 10 * 60_000;
/** An open task this long past its due time gets one reminder. */
export const REMIND_AFTER_MS = 30 * 60_000;
/** An open task this many days past its due time expires (the sweep closes it). */
export const EXPIRE_AFTER_DAYS = 7;

export type TTaskAction = 'complete' | 'skip' | 'reopen';

/**
 * What an action does to a task in `status`:
 * - `apply`: change it;
 * - `same`: it is already there (completing a done task, skipping a skipped one) — the request is
 *   answered with the task as it is, so a double tap is harmless;
 * - `conflict`: not allowed (completing a skipped or expired task, reopening an open one, reopening
 *   after the undo window) — 409 with a message saying what to do.
 */
export function taskTransition(
  task: { status: string; completedAt: Date | null },
  action: TTaskAction,
  now: Date,
): 'apply' | 'same' | 'conflict' {
  const s = task.status;
  if (action === 'complete') return s === 'open' ? 'apply' : s === 'done' ? 'same' : 'conflict';
  if (action === 'skip') return s === 'open' ? 'apply' : s === 'skipped' ? 'same' : 'conflict';
  if (s === 'open') return 'same';
  if (s === 'expired') return 'conflict';
  return canReopen(task, now) ? 'apply' : 'conflict';
}

/** True while a done/skipped task's undo window is open. */
export function canReopen(task: { status: string; completedAt: Date | null }, now: Date): boolean {
  if (task.status !== 'done' && task.status !== 'skipped') return false;
  if (!task.completedAt) return false;
  const age = now.getTime() - task.completedAt.getTime();
  return age >= 0 && age <= REOPEN_WINDOW_MS;
}

/** Open and past its due time. */
export const isOverdue = (task: { status: string; dueAt: Date }, now: Date): boolean =>
  task.status === 'open' && task.dueAt.getTime() < now.getTime();

/** The sweep's cut-offs: remind open tasks due before `remindBefore`, expire those due before `expireBefore`. */
export function sweepCutoffs(now: Date, expireAfterDays = EXPIRE_AFTER_DAYS): { remindBefore: Date; expireBefore: Date } {
  return {
    remindBefore: new Date(now.getTime() - REMIND_AFTER_MS),
    expireBefore: new Date(now.getTime() - expireAfterDays * 86_400_000),
  };
}

/**
 * Completion rate of a set of tasks: done ÷ (tasks that were due): tasks still open and not yet due
 * do not count against anyone. 0 when nothing was due.
 */
export function completionRate(c: { total: number; done: number; pending: number }): number {
  const due = c.total - c.pending;
  return due > 0 ? c.done / due : 0;
}

/** Where a task of `kind` shows in the workbench's today list. */
export type TWorkbenchSection = 'sop' | 'follow_up' | 'broadcast' | 'moment';
export function workbenchSection(kind: string): TWorkbenchSection {
  if (kind === 'sop_step') return 'sop';
  if (kind === 'broadcast_confirm') return 'broadcast';
  if (kind === 'moment') return 'moment';
  return 'follow_up';
}

// Pond counts days in the tenant's zone; China (Asia/Shanghai, the default) is UTC+8 without DST.
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** [start, end) of the local (UTC+8) day containing `now`. */
export function localDayWindow(now: Date): { from: Date; to: Date } {
  const local = now.getTime() + OFFSET_MS;
  const start = local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS;
  return { from: new Date(start), to: new Date(start + DAY_MS) };
}

/** [start, end) of the local (UTC+8) week containing `now`, weeks starting on Monday. */
export function localWeekWindow(now: Date): { from: Date; to: Date } {
  const day = localDayWindow(now);
  // getUTCDay of the local midnight shifted into local time: 0 = Sunday.
  const weekday = new Date(day.from.getTime() + OFFSET_MS).getUTCDay();
  const back = (weekday + 6) % 7;
  const from = new Date(day.from.getTime() - back * DAY_MS);
  return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
}

/** [start, end) of the local (UTC+8) calendar month containing `now`. */
export function localMonthWindow(now: Date): { from: Date; to: Date } {
  const local = new Date(now.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return { from: new Date(Date.UTC(y, m, 1) - OFFSET_MS), to: new Date(Date.UTC(y, m + 1, 1) - OFFSET_MS) };
}
