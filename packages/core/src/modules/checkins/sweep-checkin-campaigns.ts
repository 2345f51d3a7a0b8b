import { and, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { localDate } from './checkin-days.ts';
import { reminderDueDay, type TCampaignStatus } from './checkin-rules.ts';
import { checkinCampaigns } from './checkins.tables.ts';

export const CHECKIN_REMIND_JOB = 'checkins.remind';

/**
 * The periodic sweep (every 5 minutes, across tenants): ends active campaigns whose last day is
 * over, and enqueues one `checkins.remind` job per campaign whose reminder time has passed today
 * and which has not been reminded today — with a job id per (campaign, day), so two sweeps cannot
 * both enqueue it. The job itself is idempotent per recipient.
 */
export async function sweepCheckinCampaigns(
  deps: Deps,
  options: { limit?: number } = {},
): Promise<{ ended: number; queued: number }> {
  const now = deps.now();
  const today = localDate(now);
  const c = checkinCampaigns;
  // Date arithmetic in SQL: start_date + (days - 1) is the last day.
  const lastDay = sql`(${c.startDate} + (${c.days} - 1))`;
  const ended = await deps.db
    .update(c)
    .set({ status: 'ended', endedAt: now, updatedAt: now })
    .where(and(eq(c.status, 'active'), sql`${lastDay} < ${today}::date`))
    .returning({ id: c.id });
  const due = await deps.db
    .select()
    .from(c)
    .where(
      and(
        eq(c.status, 'active'),
        eq(c.reminderEnabled, true),
        lte(c.startDate, today),
        gt(sql`(${c.startDate} + ${c.days})`, sql`${today}::date`),
        or(isNull(c.remindedDay), lt(c.remindedDay, today)),
      ),
    )
    .orderBy(c.tenantId, c.id)
    .limit(options.limit ?? 500);
  let queued = 0;
  for (const row of due) {
    const day = reminderDueDay({ ...row, status: row.status as TCampaignStatus, now });
    if (!day) continue;
    await deps.queue.send(
      CHECKIN_REMIND_JOB,
      { tenantId: row.tenantId, campaignId: row.id, day },
      { id: deterministicJobId(`checkins:remind:${row.tenantId}:${row.id}:${day}`) },
    );
    queued++;
  }
  return { ended: ended.length, queued };
}
