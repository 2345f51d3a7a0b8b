import { and, count, eq, lt, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { requireCampaign, todayOf } from './campaign-queries.ts';
import { addDays } from './checkin-days.ts';
import { STREAK_BUCKETS, streakBucketLabel } from './checkin-rules.ts';
import type { TCheckinStats } from './checkins.schemas.ts';
import { checkinMilestones, checkinParticipants, checkinRecords } from './checkins.tables.ts';
import { currentStreakSql } from './streak-sql.ts';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

/**
 * Results of a campaign for the participants in the caller's scope: per day (participants joined
 * by then, check-ins, later make-ups, check-in rate, milestones reached), today's numbers, full
 * attendance, the distribution of current streaks and how many reached each milestone.
 */
export async function getCheckinStats(ctx: Ctx, campaignId: number): Promise<TCheckinStats> {
  const campaign = await requireCampaign(ctx, campaignId);
  const { today, index } = todayOf(ctx, campaign);
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const p = checkinParticipants;
  const r = checkinRecords;
  const m = checkinMilestones;
  const pWhere = and(eq(p.tenantId, t), eq(p.campaignId, campaignId), await customerScopeCondition(ctx, p.customerId));
  const rWhere = and(eq(r.tenantId, t), eq(r.campaignId, campaignId), await customerScopeCondition(ctx, r.customerId));
  const mWhere = and(eq(m.tenantId, t), eq(m.campaignId, campaignId), await customerScopeCondition(ctx, m.customerId));
  const current = currentStreakSql(campaign, index);
  // Days before today that are campaign days: the ones full attendance is measured on.
  const completed = Math.max(0, Math.min(index, campaign.days));
  const fullWhere: SQL | undefined = and(rWhere, lt(r.day, today));

  const [joinedByDay, recordsByDay, milestonesByDay, streaks, milestoneCounts, full] = await Promise.all([
    db.select({ day: p.joinedDay, n: count() }).from(p).where(pWhere).groupBy(p.joinedDay),
    db.select({ day: r.day, kind: r.kind, n: count() }).from(r).where(rWhere).groupBy(r.day, r.kind),
    db.select({ day: m.reachedDay, n: count() }).from(m).where(mWhere).groupBy(m.reachedDay),
    db.select({ streak: current, n: count() }).from(p).where(pWhere).groupBy(current),
    db.select({ index: m.milestoneIndex, n: count() }).from(m).where(mWhere).groupBy(m.milestoneIndex),
    completed > 0
      ? db
          .select({ n: count() })
          .from(
            db
              .select({ customerId: r.customerId })
              .from(r)
              .where(fullWhere)
              .groupBy(r.customerId)
              .having(sql`count(*) >= ${completed}`)
              .as('full_attendance'),
          )
      : Promise.resolve([{ n: 0 }]),
  ]);

  const joined = new Map(joinedByDay.map((x) => [x.day, x.n]));
  const participants = joinedByDay.reduce((s, x) => s + x.n, 0);
  const recordCount = (day: string, kind: string) => recordsByDay.find((x) => x.day === day && x.kind === kind)?.n ?? 0;
  const reachedOn = new Map(milestonesByDay.map((x) => [x.day, x.n]));
  const days: TCheckinStats['days'] = [];
  // Joins before day 1 (from the H5 page while upcoming) count from day 1.
  let joinedSoFar = joinedByDay.filter((x) => x.day < campaign.startDate).reduce((s, x) => s + x.n, 0);
  for (let d = 0; d <= Math.min(index, campaign.days - 1); d++) {
    const day = addDays(campaign.startDate, d);
    joinedSoFar += joined.get(day) ?? 0;
    const checkins = recordCount(day, 'checkin');
    days.push({
      day,
      number: d + 1,
      participants: joinedSoFar,
      checkins,
      makeups: recordCount(day, 'makeup'),
      rate: ratio(checkins, joinedSoFar),
      milestonesReached: reachedOn.get(day) ?? 0,
    });
  }
  const bucketCounts = STREAK_BUCKETS.map(() => 0);
  for (const s of streaks) {
    const value = Number(s.streak);
    let b = 0;
    STREAK_BUCKETS.forEach((lo, i) => {
      if (value >= lo) b = i;
    });
    bucketCounts[b] = (bucketCounts[b] ?? 0) + s.n;
  }
  const checkedInToday = recordCount(today, 'checkin');
  const todayNumber = index >= 0 && index < campaign.days ? index + 1 : null;
  return {
    campaignId,
    today,
    todayNumber,
    participants,
    checkedInToday: todayNumber ? checkedInToday : 0,
    todayRate: todayNumber ? ratio(checkedInToday, participants) : 0,
    checkins: recordsByDay.filter((x) => x.kind === 'checkin').reduce((s, x) => s + x.n, 0),
    makeups: recordsByDay.filter((x) => x.kind === 'makeup').reduce((s, x) => s + x.n, 0),
    milestonesReached: milestoneCounts.reduce((s, x) => s + x.n, 0),
    perfect: full[0]?.n ?? 0,
    days,
    streakDistribution: bucketCounts.map((n, i) => ({ bucket: streakBucketLabel(i), participants: n })),
    milestones: campaign.milestones.map((ms, i) => ({
      index: i,
      kind: ms.kind,
      days: ms.days,
      rewardName: ms.reward.name,
      reached: milestoneCounts.find((x) => x.index === i)?.n ?? 0,
    })),
  };
}
