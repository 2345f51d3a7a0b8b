import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { assertRole } from '../../access/assert-role.ts';
import { followUserIds } from '../sync/sync-page.ts';
import { chunk } from '../sync/sync-rules.ts';
import type { TPullWecomStats, TPullWecomStatsResult } from '../sync/wecom-sync.schemas.ts';
import { type TWecomSyncApi, wecomSyncApiFor } from '../sync/wecom-sync-api.ts';
import { wecomGroupDailyStats, wecomStaffDailyStats } from '../wecom.tables.ts';
import {
  dayEndUnix,
  dayOfStatTime,
  dayStartUnix,
  daysBetween,
  GROUP_STAT_LIMIT,
  GROUP_STAT_OWNERS_MAX,
  pullRangeProblem,
} from './stats-rules.ts';

const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Pulls WeCom's daily statistics for `from`..`to` (Asia/Shanghai days, ≤ 30, up to yesterday)
 * into Pond: per staff member get_user_behavior_data (one call per member: WeCom sums the members
 * of one call, https://developer.work.weixin.qq.com/document/path/92132) and per owner
 * groupchat/statistic (one call per day and ≤ 100 owners, paged by offset,
 * https://developer.work.weixin.qq.com/document/path/92133). Rows are upserted by (day, user) and
 * written only when WeCom's numbers differ, so a re-pull changes nothing (`changed: 0`).
 * HQ admins only (and the system's daily job).
 * @example
 * const r = await pullWecomStats(ctx, { from: '2026-03-01', to: '2026-03-07' });
 */
export async function pullWecomStats(
  ctx: Ctx,
  input: TPullWecomStats,
  options: { api?: TWecomSyncApi } = {},
): Promise<TPullWecomStatsResult> {
  assertRole(ctx.actor, ['admin'], 'pull WeCom statistics');
  const problem = pullRangeProblem(input, ctx.now());
  if (problem) throw new AppError('VALIDATION', problem);
  const api = options.api ?? (await wecomSyncApiFor(ctx));
  const tenantId = ctx.actor.tenantId;
  const userids = await followUserIds(api);
  const pulledAt = ctx.now();
  const wanted = new Set(daysBetween(input.from, input.to));

  const staffRows: (typeof wecomStaffDailyStats.$inferInsert)[] = [];
  for (const userid of userids) {
    const res = await api.externalcontact.getUserBehaviorData({
      userid: [userid],
      start_time: dayStartUnix(input.from),
      end_time: dayEndUnix(input.to),
    });
    for (const d of res.behavior_data ?? []) {
      const day = dayOfStatTime(d.stat_time);
      if (!wanted.has(day)) continue;
      staffRows.push({
        tenantId,
        day,
        staffUserId: userid,
        newApplyCnt: int(d.new_apply_cnt),
        newContactCnt: int(d.new_contact_cnt),
        chatCnt: int(d.chat_cnt),
        messageCnt: int(d.message_cnt),
        replyPercentage: num(d.reply_percentage),
        avgReplyTime: num(d.avg_reply_time),
        negativeFeedbackCnt: int(d.negative_feedback_cnt),
        raw: { ...d },
        pulledAt,
      });
    }
  }

  const groupRows: (typeof wecomGroupDailyStats.$inferInsert)[] = [];
  for (const day of wanted) {
    for (const owners of chunk(userids, GROUP_STAT_OWNERS_MAX)) {
      let offset = 0;
      for (;;) {
        const res = await api.externalcontact.groupchat.statistic({
          day_begin_time: dayStartUnix(day),
          owner_filter: { userid_list: owners },
          offset,
          limit: GROUP_STAT_LIMIT,
        });
        const items = res.items ?? [];
        for (const item of items) {
          groupRows.push({
            tenantId,
            day,
            ownerUserId: item.owner,
            newChatCnt: int(item.data.new_chat_cnt),
            chatTotal: int(item.data.chat_total),
            chatHasMsg: int(item.data.chat_has_msg),
            newMemberCnt: int(item.data.new_member_cnt),
            memberTotal: int(item.data.member_total),
            memberHasMsg: int(item.data.member_has_msg),
            msgTotal: int(item.data.msg_total),
            raw: { owner: item.owner, ...item.data },
            pulledAt,
          });
        }
        const next = typeof res.next_offset === 'number' ? res.next_offset : offset + items.length;
        if (items.length === 0 || next <= offset || (typeof res.total === 'number' && next >= res.total)) break;
        offset = next;
      }
    }
  }

  const db = dbOf(ctx);
  let changed = 0;
  for (const rows of chunk(staffRows, 500)) {
    const written = await db
      .insert(wecomStaffDailyStats)
      .values(rows)
      .onConflictDoUpdate({
        target: [wecomStaffDailyStats.tenantId, wecomStaffDailyStats.day, wecomStaffDailyStats.staffUserId],
        set: {
          newApplyCnt: sql`excluded.new_apply_cnt`,
          newContactCnt: sql`excluded.new_contact_cnt`,
          chatCnt: sql`excluded.chat_cnt`,
          messageCnt: sql`excluded.message_cnt`,
          replyPercentage: sql`excluded.reply_percentage`,
          avgReplyTime: sql`excluded.avg_reply_time`,
          negativeFeedbackCnt: sql`excluded.negative_feedback_cnt`,
          raw: sql`excluded.raw`,
          pulledAt: sql`excluded.pulled_at`,
        },
        // Same numbers as stored: leave the row (and its pulled_at) alone.
        setWhere: sql`${wecomStaffDailyStats.raw} is distinct from excluded.raw`,
      })
      .returning({ id: wecomStaffDailyStats.id });
    changed += written.length;
  }
  for (const rows of chunk(groupRows, 500)) {
    const written = await db
      .insert(wecomGroupDailyStats)
      .values(rows)
      .onConflictDoUpdate({
        target: [wecomGroupDailyStats.tenantId, wecomGroupDailyStats.day, wecomGroupDailyStats.ownerUserId],
        set: {
          newChatCnt: sql`excluded.new_chat_cnt`,
          chatTotal: sql`excluded.chat_total`,
          chatHasMsg: sql`excluded.chat_has_msg`,
          newMemberCnt: sql`excluded.new_member_cnt`,
          memberTotal: sql`excluded.member_total`,
          memberHasMsg: sql`excluded.member_has_msg`,
          msgTotal: sql`excluded.msg_total`,
          raw: sql`excluded.raw`,
          pulledAt: sql`excluded.pulled_at`,
        },
        setWhere: sql`${wecomGroupDailyStats.raw} is distinct from excluded.raw`,
      })
      .returning({ id: wecomGroupDailyStats.id });
    changed += written.length;
  }
  return {
    from: input.from,
    to: input.to,
    staffRows: staffRows.length,
    groupRows: groupRows.length,
    changed,
    pulledAt: pulledAt.toISOString(),
  };
}
