import { ChannelError } from '@pond/channels';
import { upsertWecomStaff } from '../../org/upsert-wecom-staff.ts';
import { followUserIds, type TSyncPhaseStep } from './sync-page.ts';
import { STAFF_PAGE_SIZE, tally } from './sync-rules.ts';
import type { TWecomUser } from './wecom-sync-api.ts';

/**
 * Phase `staff`: the staff configured for 客户联系 (get_follow_user_list,
 * https://developer.work.weixin.qq.com/document/path/92571) and each one's profile (user/get,
 * https://developer.work.weixin.qq.com/document/path/90196), `STAFF_PAGE_SIZE` per page.
 * A userid user/get refuses (outside the secret's visible range) is kept with its userid as name.
 * @example
 * const page = await syncStaffPhase(ctx, api, run);
 */
export const syncStaffPhase: TSyncPhaseStep = async (_ctx, api, run) => {
  const ids = await followUserIds(api);
  const index = typeof run.cursor.index === 'number' ? run.cursor.index : 0;
  const slice = ids.slice(index, index + STAFF_PAGE_SIZE);
  const users: TWecomUser[] = [];
  for (const userid of slice) {
    try {
      users.push(await api.user.get({ userid }));
    } catch (error) {
      if (error instanceof ChannelError && !error.retryable) users.push({ userid });
      else throw error;
    }
  }
  const end = index + slice.length;
  const finished = end >= ids.length;
  return {
    apply: async (tctx) => {
      const outcomes = await upsertWecomStaff(
        tctx,
        users.map((u) => ({
          wecomUserId: u.userid,
          name: u.name || u.userid,
          ...(u.avatar !== undefined ? { avatar: u.avatar || null } : {}),
          ...(u.mobile !== undefined ? { mobile: u.mobile || null } : {}),
        })),
      );
      return { staff: tally(outcomes) };
    },
    phase: finished ? 'tags' : 'staff',
    cursor: finished ? {} : { index: end, done: end, total: ids.length },
  };
};
