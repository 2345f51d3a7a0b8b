import { ChannelError } from '@pond/channels';
import { endMissingFollows } from '../../customers/end-missing-follows.ts';
import { upsertImportedFollow } from '../../customers/upsert-imported-follow.ts';
import { getStaffByWecomUserId } from '../../org/lookups.ts';
import { followUserIds, type TSyncPageCounts, type TSyncPhaseStep } from './sync-page.ts';
import { BATCH_PAGE_LIMIT, BATCH_USERIDS_MAX, chunk, fromUnixSeconds, type TUpsertOutcome, tally } from './sync-rules.ts';

/**
 * Phase `customers`: customers and their follows, by staff in chunks of ≤ 100 userids, paged with
 * WeCom's cursor (batch/get_by_user, https://developer.work.weixin.qq.com/document/path/92994):
 * profile, follow remark/description/state/add time and the follow's tags. When a chunk's last
 * page is in, the follows Pond has for those staff that WeCom no longer lists
 * (externalcontact/list, https://developer.work.weixin.qq.com/document/path/92113) are ended.
 * @example
 * const page = await syncCustomersPhase(ctx, api, run);
 */
export const syncCustomersPhase: TSyncPhaseStep = async (ctx, api, run) => {
  const chunks = chunk(await followUserIds(api), BATCH_USERIDS_MAX);
  const index = typeof run.cursor.chunk === 'number' ? run.cursor.chunk : 0;
  const userids = chunks[index];
  if (!userids) return { apply: async () => ({}), phase: 'groups', cursor: {} };
  const cursor = typeof run.cursor.nextCursor === 'string' ? run.cursor.nextCursor : '';
  const res = await api.externalcontact.batchGetByUser({
    userid_list: userids,
    ...(cursor ? { cursor } : {}),
    limit: BATCH_PAGE_LIMIT,
  });
  const contacts = res.external_contact_list ?? [];
  const chunkDone = !res.next_cursor;
  // What WeCom lists per staff member now, to end what it no longer has (only once the chunk is in).
  const listedAt = ctx.now();
  const listed = new Map<string, Set<string>>();
  if (chunkDone) {
    for (const userid of userids) {
      try {
        const l = await api.externalcontact.list({ userid });
        listed.set(userid, new Set(l.external_userid ?? []));
      } catch (error) {
        // 84061 (no external contact) means an empty list; other refusals skip the check for this member.
        if (error instanceof ChannelError && !error.retryable) {
          const vendor = (error as { vendorCode?: unknown }).vendorCode;
          if (Number(vendor) === 84061) listed.set(userid, new Set());
          continue;
        }
        throw error;
      }
    }
  }
  const done = (typeof run.cursor.done === 'number' ? run.cursor.done : 0) + contacts.length;
  const nextChunk = chunkDone ? index + 1 : index;
  const finished = nextChunk >= chunks.length;
  return {
    apply: async (tctx) => {
      const staffCache = new Map<string, Awaited<ReturnType<typeof getStaffByWecomUserId>>>();
      const staffOf = async (userid: string) => {
        if (!staffCache.has(userid)) staffCache.set(userid, await getStaffByWecomUserId(tctx, userid));
        return staffCache.get(userid) ?? null;
      };
      const customerOutcomes: TUpsertOutcome[] = [];
      const followOutcomes: TUpsertOutcome[] = [];
      for (const c of contacts) {
        const staff = await staffOf(c.follow_info.userid);
        // Staff come first in a run; one added to 客户联系 since then is picked up by the next run.
        if (!staff) continue;
        const ext = c.external_contact;
        const r = await upsertImportedFollow(tctx, {
          staff,
          customer: {
            externalUserId: ext.external_userid,
            name: ext.name || ext.external_userid,
            ...(ext.avatar !== undefined ? { avatar: ext.avatar } : {}),
            ...(ext.gender !== undefined ? { gender: ext.gender } : {}),
            ...(ext.unionid !== undefined ? { unionId: ext.unionid } : {}),
          },
          follow: {
            ...(c.follow_info.remark !== undefined ? { remark: c.follow_info.remark } : {}),
            ...(c.follow_info.description !== undefined ? { description: c.follow_info.description } : {}),
            ...(c.follow_info.state ? { state: c.follow_info.state } : {}),
            addedAt: fromUnixSeconds(c.follow_info.createtime),
            tagExternalIds: c.follow_info.tag_id ?? [],
          },
        });
        customerOutcomes.push(r.customer);
        followOutcomes.push(r.follow);
      }
      let removed = 0;
      for (const [userid, externalUserIds] of listed) {
        const staff = await staffOf(userid);
        if (!staff) continue;
        removed += await endMissingFollows(tctx, { staff, externalUserIds, listedAt, runId: run.id });
      }
      const counts: TSyncPageCounts = { customers: tally(customerOutcomes), follows: tally(followOutcomes, removed) };
      return counts;
    },
    phase: finished ? 'groups' : 'customers',
    cursor: finished ? {} : { chunk: nextChunk, nextCursor: chunkDone ? '' : res.next_cursor, done, chunks: chunks.length },
  };
};
