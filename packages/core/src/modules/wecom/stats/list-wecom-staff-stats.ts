import { and, asc, count, eq, gte, lte } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { pageOffset, type TPage } from '../../../lib/paging.ts';
import { assertRole } from '../../access/assert-role.ts';
import type { TListWecomStaffStatsQuery, TWecomStaffDayStat } from '../sync/wecom-sync.schemas.ts';
import { wecomStaffDailyStats } from '../wecom.tables.ts';

/**
 * The staff statistics pulled from WeCom for `from`..`to`, by day then userid. HQ only.
 * @example
 * const page = await listWecomStaffStats(ctx, { from: '2026-03-01', to: '2026-03-07', page: 1, pageSize: 50 });
 */
export async function listWecomStaffStats(ctx: Ctx, query: TListWecomStaffStatsQuery): Promise<TPage<TWecomStaffDayStat>> {
  assertRole(ctx.actor, ['admin', 'operator'], 'see WeCom statistics');
  if (query.from > query.to) throw new AppError('VALIDATION', 'from: must be on or before to. Swap the dates.');
  const db = dbOf(ctx);
  const where = and(
    eq(wecomStaffDailyStats.tenantId, ctx.actor.tenantId),
    gte(wecomStaffDailyStats.day, query.from),
    lte(wecomStaffDailyStats.day, query.to),
  );
  const [total] = await db.select({ n: count() }).from(wecomStaffDailyStats).where(where);
  const rows = await db
    .select()
    .from(wecomStaffDailyStats)
    .where(where)
    .orderBy(asc(wecomStaffDailyStats.day), asc(wecomStaffDailyStats.staffUserId))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return {
    items: rows.map((r) => ({
      day: r.day,
      staffUserId: r.staffUserId,
      newApplyCnt: r.newApplyCnt,
      newContactCnt: r.newContactCnt,
      chatCnt: r.chatCnt,
      messageCnt: r.messageCnt,
      replyPercentage: r.replyPercentage,
      avgReplyTime: r.avgReplyTime,
      negativeFeedbackCnt: r.negativeFeedbackCnt,
      pulledAt: r.pulledAt.toISOString(),
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
