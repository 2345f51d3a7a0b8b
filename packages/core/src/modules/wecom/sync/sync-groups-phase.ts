import { dismissMissingGroups } from '../../groups/dismiss-missing-groups.ts';
import { type TImportedGroupInput, upsertImportedGroup } from '../../groups/upsert-imported-group.ts';
import type { TSyncPhaseStep } from './sync-page.ts';
import { fromUnixSeconds, GROUP_LIST_LIMIT, type TUpsertOutcome, tally } from './sync-rules.ts';
import type { TWecomGroupChat } from './wecom-sync-api.ts';

// groupchat/list accepts up to 1000 per page; the closing pass only needs the ids.
const ID_LIST_LIMIT = 1000;

function toImportedGroup(chat: TWecomGroupChat): TImportedGroupInput {
  return {
    chatId: chat.chat_id,
    name: chat.name ?? '',
    ownerUserId: chat.owner,
    createdAt: fromUnixSeconds(chat.create_time),
    ...(chat.notice !== undefined ? { notice: chat.notice } : {}),
    members: (chat.member_list ?? []).map((m) => ({
      id: m.userid,
      type: m.type === 1 ? ('staff' as const) : ('customer' as const),
      ...(m.name ? { name: m.name } : {}),
      joinedAt: fromUnixSeconds(m.join_time),
      ...(m.join_scene !== undefined ? { joinScene: m.join_scene } : {}),
      ...(m.invitor?.userid ? { inviterUserId: m.invitor.userid } : {}),
    })),
  };
}

/**
 * Phase `groups`: customer groups page by page (groupchat/list with its cursor, all statuses,
 * https://developer.work.weixin.qq.com/document/path/92120) and each group's members with their
 * join scene (groupchat/get, https://developer.work.weixin.qq.com/document/path/92122); members
 * WeCom no longer lists leave. A closing pass lists every chat id once more and marks dismissed
 * the groups WeCom no longer has.
 * @example
 * const page = await syncGroupsPhase(ctx, api, run);
 */
export const syncGroupsPhase: TSyncPhaseStep = async (ctx, api, run) => {
  const done = typeof run.cursor.done === 'number' ? run.cursor.done : 0;
  if (run.cursor.step === 'close') {
    const listedAt = ctx.now();
    const chatIds = new Set<string>();
    let cursor = '';
    do {
      const res = await api.externalcontact.groupchat.list({
        status_filter: 0,
        limit: ID_LIST_LIMIT,
        ...(cursor ? { cursor } : {}),
      });
      for (const g of res.group_chat_list ?? []) chatIds.add(g.chat_id);
      cursor = res.next_cursor ?? '';
    } while (cursor);
    return {
      apply: async (tctx) => {
        const r = await dismissMissingGroups(tctx, { chatIds, listedAt, runId: run.id });
        return { groups: { removed: r.groups }, members: { removed: r.members } };
      },
      phase: 'done',
      cursor: {},
    };
  }
  const cursor = typeof run.cursor.nextCursor === 'string' ? run.cursor.nextCursor : '';
  const listedAt = ctx.now();
  const res = await api.externalcontact.groupchat.list({
    status_filter: 0,
    limit: GROUP_LIST_LIMIT,
    ...(cursor ? { cursor } : {}),
  });
  const chats: TImportedGroupInput[] = [];
  for (const g of res.group_chat_list ?? []) {
    const detail = await api.externalcontact.groupchat.get({ chat_id: g.chat_id, need_name: 1 });
    chats.push(toImportedGroup(detail.group_chat));
  }
  return {
    apply: async (tctx) => {
      const groupOutcomes: TUpsertOutcome[] = [];
      const memberOutcomes: TUpsertOutcome[] = [];
      let membersRemoved = 0;
      for (const chat of chats) {
        const r = await upsertImportedGroup(tctx, { chat, listedAt, runId: run.id });
        groupOutcomes.push(r.group);
        memberOutcomes.push(...r.members);
        membersRemoved += r.membersRemoved;
      }
      return { groups: tally(groupOutcomes), members: tally(memberOutcomes, membersRemoved) };
    },
    phase: 'groups',
    cursor: res.next_cursor
      ? { step: 'list', nextCursor: res.next_cursor, done: done + chats.length }
      : { step: 'close', done: done + chats.length },
  };
};
