import type { DbLike } from '@pond/db';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
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
  const changed =
    (await upsertStats(db, wecomStaffDailyStats, wecomStaffDailyStats.staffUserId, staffRows)) +
    (await upsertStats(db, wecomGroupDailyStats, wecomGroupDailyStats.ownerUserId, groupRows));
  return {
    from: input.from,
    to: input.to,
    staffRows: staffRows.length,
    groupRows: groupRows.length,
    changed,
    pulledAt: pulledAt.toISOString(),
  };
}

/**
 * Upserts daily stats rows by (tenant, day, `user`), 500 a statement: every other column but the id
 * takes WeCom's new value. Returns how many rows were written.
 */
async function upsertStats<T extends typeof wecomStaffDailyStats | typeof wecomGroupDailyStats>(
  db: DbLike,
  table: T,
  user: PgColumn,
  rows: PgInsertValue<T>[],
): Promise<number> {
  const key: PgColumn[] = [table.tenantId, table.day, user];
  const set = Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([, c]) => c !== table.id && !key.includes(c))
      .map(([name, c]) => [name, sql`excluded.${sql.identifier(c.name)}`]),
  ) as PgUpdateSetSource<T>;
  let written = 0;
  for (const part of chunk(rows, 500)) {
    const ids = await db
      .insert(table)
      .values(part)
      .onConflictDoUpdate({
        target: key,
        set,
        // Same numbers as stored: leave the row (and its pulled_at) alone.
        setWhere: sql`${table.raw} is distinct from excluded.raw`,
      })
      .returning({ id: table.id });
    written += ids.length;
  }
  return written;
}
