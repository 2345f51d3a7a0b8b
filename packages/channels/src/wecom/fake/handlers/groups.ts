import { createHash } from 'node:crypto';
import {
  FakeApiError,
  type FakeRequest,
  type FakeRoutes,
  nowSec,
  optNum,
  optStr,
  page,
  reqEntry,
  reqStr,
  strList,
} from '../fake-core.ts';
import { type FakeGroup, type FakeJoinWay, type FakeWecomState, nextId } from '../fake-state.ts';
import { staffOrThrow } from './customers.ts';

/**
 * Customer groups and join ways. Documents:
 * - 获取客户群列表 https://developer.work.weixin.qq.com/document/path/92120 (status_filter 0–3, owner_filter ≤ 100, limit 1–1000)
 * - 获取客户群详情 https://developer.work.weixin.qq.com/document/path/92122 (member_list with join_scene, invitor)
 * - 客户群「加入群聊」管理 https://developer.work.weixin.qq.com/document/path/92229 (chat_id_list ≤ 5, state ≤ 30
 *   characters, remark ≤ 30); an unknown config_id or too many chats → 40058 不合法的参数.
 * - 获取「群聊数据统计」数据 https://developer.work.weixin.qq.com/document/path/92133
 * - 分配离职成员的客户群 https://developer.work.weixin.qq.com/document/path/92127 (chat_id_list 1–100)
 * - 分配在职成员的客户群 https://developer.work.weixin.qq.com/document/path/95703 (90501 chat is not external group chat)
 */

export function groupOrThrow(state: FakeWecomState, chatId: string): FakeGroup {
  const group = state.groups.get(chatId);
  // 86003: the chat does not exist (as the API client maps it).
  if (!group) throw new FakeApiError(86003, `chat not exist: ${chatId}`);
  return group;
}

function groupList(req: FakeRequest) {
  const statusFilter = optNum(req, 'status_filter') ?? 0;
  if (![0, 1, 2, 3].includes(statusFilter))
    throw new FakeApiError(40058, 'invalid parameter: status_filter must be 0, 1, 2 or 3');
  const limit = optNum(req, 'limit');
  if (limit === undefined || !Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new FakeApiError(40058, 'invalid parameter: limit is required, 1 to 1000');
  const ownerFilter = (req.body.owner_filter ?? {}) as { userid_list?: unknown };
  const owners = strList(ownerFilter.userid_list, 'owner_filter.userid_list');
  if (owners.length > 100) throw new FakeApiError(40058, 'invalid parameter: owner_filter.userid_list holds at most 100 userids');
  const ownerSet = new Set(owners);
  const groups = [...req.state.groups.values()]
    .filter((g) => !g.dismissed)
    .filter((g) => ownerSet.size === 0 || ownerSet.has(g.owner))
    // 0 = all; 1/2/3 = resigned-owner states.
    .filter((g) => statusFilter === 0 || g.status === statusFilter)
    .sort((a, b) => a.create_time - b.create_time || a.chat_id.localeCompare(b.chat_id));
  const paged = page(groups, optStr(req, 'cursor'), limit);
  return { group_chat_list: paged.items.map((g) => ({ chat_id: g.chat_id, status: g.status })), next_cursor: paged.next_cursor };
}

function groupGet(req: FakeRequest) {
  const group = groupOrThrow(req.state, reqStr(req, 'chat_id'));
  if (group.dismissed) throw new FakeApiError(86003, `chat not exist: ${group.chat_id} was dismissed`);
  const needName = optNum(req, 'need_name') === 1;
  return {
    group_chat: {
      chat_id: group.chat_id,
      name: group.name,
      owner: group.owner,
      create_time: group.create_time,
      notice: group.notice,
      member_list: group.member_list.map((m) => ({
        userid: m.userid,
        type: m.type,
        join_time: m.join_time,
        join_scene: m.join_scene,
        ...(m.invitor ? { invitor: m.invitor } : {}),
        group_nickname: m.group_nickname,
        ...(needName ? { name: m.name } : {}),
        ...(m.unionid ? { unionid: m.unionid } : {}),
        ...(m.state ? { state: m.state } : {}),
      })),
      admin_list: group.admin_list,
      member_version: String(group.member_version),
    },
  };
}

function checkJoinWayFields(req: FakeRequest, way: Partial<FakeJoinWay>) {
  if (way.chat_id_list !== undefined) {
    if (way.chat_id_list.length === 0 || way.chat_id_list.length > 5)
      throw new FakeApiError(40058, 'invalid parameter: chat_id_list must hold 1 to 5 chat ids');
    for (const chatId of way.chat_id_list) groupOrThrow(req.state, chatId);
  }
  if (way.state !== undefined && [...way.state].length > 30)
    throw new FakeApiError(40058, 'invalid parameter: state is longer than 30 characters');
  if (way.scene !== undefined && way.scene !== 1 && way.scene !== 2)
    throw new FakeApiError(40058, 'invalid parameter: scene must be 1 or 2');
}

function readJoinWay(req: FakeRequest): Partial<FakeJoinWay> {
  const out: Partial<FakeJoinWay> = {};
  const scene = optNum(req, 'scene');
  if (scene !== undefined) out.scene = scene;
  const remark = optStr(req, 'remark');
  if (remark !== undefined) out.remark = [...remark].slice(0, 30).join('');
  const auto = optNum(req, 'auto_create_room');
  if (auto !== undefined) out.auto_create_room = auto;
  const baseName = optStr(req, 'room_base_name');
  if (baseName !== undefined) out.room_base_name = baseName;
  const baseId = optNum(req, 'room_base_id');
  if (baseId !== undefined) out.room_base_id = baseId;
  if (req.body.chat_id_list !== undefined) out.chat_id_list = strList(req.body.chat_id_list, 'chat_id_list');
  const state = optStr(req, 'state');
  if (state !== undefined) out.state = state;
  return out;
}

function addJoinWay(req: FakeRequest) {
  const fields = readJoinWay(req);
  if (fields.scene === undefined) throw new FakeApiError(40058, 'invalid parameter: scene is required');
  if (fields.chat_id_list === undefined) throw new FakeApiError(40058, 'invalid parameter: chat_id_list is required');
  checkJoinWayFields(req, fields);
  const config_id = nextId(req.state, 'jw');
  const way: FakeJoinWay = {
    config_id,
    scene: fields.scene,
    remark: fields.remark ?? '',
    auto_create_room: fields.auto_create_room ?? 1,
    room_base_name: fields.room_base_name ?? '',
    room_base_id: fields.room_base_id ?? 1,
    chat_id_list: fields.chat_id_list,
    qr_code: `https://fake-wecom.local/qr/join/${config_id}`,
    state: fields.state ?? '',
    rooms_created: 0,
  };
  req.state.joinWays.set(config_id, way);
  return { config_id };
}

function getJoinWay(req: FakeRequest) {
  const { rooms_created: _ignored, ...way } = reqEntry(req, 'config_id', req.state.joinWays);
  return { join_way: way };
}

function updateJoinWay(req: FakeRequest) {
  const way = reqEntry(req, 'config_id', req.state.joinWays);
  const fields = readJoinWay(req);
  checkJoinWayFields(req, fields);
  Object.assign(way, fields);
  return {};
}

function delJoinWay(req: FakeRequest) {
  const way = reqEntry(req, 'config_id', req.state.joinWays);
  req.state.joinWays.delete(way.config_id);
  return {};
}

/** A stable pseudo-random integer in [0, max) from a seed (so statistics are plausible and repeatable). */
export function seeded(seed: string, max: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % max;
}

function groupStatistic(req: FakeRequest) {
  const begin = optNum(req, 'day_begin_time');
  if (begin === undefined) throw new FakeApiError(40058, 'invalid parameter: day_begin_time is required');
  const end = optNum(req, 'day_end_time') ?? begin;
  if (end < begin || end - begin > 30 * 86400)
    throw new FakeApiError(40058, 'invalid parameter: the range is at most 30 days and day_end_time ≥ day_begin_time');
  const ownerFilter = (req.body.owner_filter ?? {}) as { userid_list?: unknown };
  const owners = strList(ownerFilter.userid_list, 'owner_filter.userid_list');
  const ownerIds = owners.length > 0 ? owners : [...new Set([...req.state.groups.values()].map((g) => g.owner))].sort();
  const days = Math.floor((end - begin) / 86400) + 1;
  const items = ownerIds.map((owner) => {
    const chats = [...req.state.groups.values()].filter((g) => g.owner === owner && !g.dismissed);
    const memberTotal = chats.reduce((n, g) => n + g.member_list.length, 0);
    const seed = `${owner}|${begin}|${end}`;
    return {
      owner,
      data: {
        new_chat_cnt: seeded(`${seed}|new`, 2 * days),
        chat_total: chats.length,
        chat_has_msg: Math.min(chats.length, seeded(`${seed}|hasmsg`, chats.length + 1)),
        new_member_cnt: seeded(`${seed}|newm`, 10 * days),
        member_total: memberTotal,
        member_has_msg: Math.min(memberTotal, seeded(`${seed}|mhm`, memberTotal + 1)),
        msg_total: seeded(`${seed}|msg`, 200 * days),
        migrate_trainee_chat_cnt: 0,
      },
    };
  });
  const offset = optNum(req, 'offset') ?? 0;
  const limit = Math.min(optNum(req, 'limit') ?? 500, 1000);
  const slice = items.slice(offset, offset + limit);
  return { total: items.length, next_offset: offset + slice.length, items: slice };
}

function transferGroups(req: FakeRequest, resigned: boolean) {
  const chatIds = strList(req.body.chat_id_list, 'chat_id_list');
  if (chatIds.length === 0 || chatIds.length > 100)
    throw new FakeApiError(40058, 'invalid parameter: chat_id_list must hold 1 to 100 chat ids');
  const newOwner = reqStr(req, 'new_owner');
  const owner = staffOrThrow(req.state, newOwner);
  if (!owner.followEnabled)
    throw new FakeApiError(40058, `invalid parameter: new_owner ${newOwner} is not configured for 客户联系`);
  const failed_chat_list: { chat_id: string; errcode: number; errmsg: string }[] = [];
  for (const chatId of chatIds) {
    const group = req.state.groups.get(chatId);
    if (!group || group.dismissed) {
      failed_chat_list.push({ chat_id: chatId, errcode: 90501, errmsg: 'chat is not external group chat' });
      continue;
    }
    group.owner = newOwner;
    if (resigned) group.status = 3;
    if (!group.member_list.some((m) => m.userid === newOwner))
      group.member_list.push({
        userid: newOwner,
        type: 1,
        join_time: nowSec(req),
        join_scene: 1,
        group_nickname: '',
        name: owner.name,
      });
  }
  return { failed_chat_list };
}

export const groupRoutes: FakeRoutes = {
  'externalcontact/groupchat/list': { method: 'POST', auth: 'token', handler: groupList },
  'externalcontact/groupchat/get': { method: 'POST', auth: 'token', handler: groupGet },
  'externalcontact/groupchat/add_join_way': { method: 'POST', auth: 'token', handler: addJoinWay },
  'externalcontact/groupchat/get_join_way': { method: 'POST', auth: 'token', handler: getJoinWay },
  'externalcontact/groupchat/update_join_way': { method: 'POST', auth: 'token', handler: updateJoinWay },
  'externalcontact/groupchat/del_join_way': { method: 'POST', auth: 'token', handler: delJoinWay },
  'externalcontact/groupchat/statistic': { method: 'POST', auth: 'token', handler: groupStatistic },
  'externalcontact/groupchat/transfer': { method: 'POST', auth: 'token', handler: (req) => transferGroups(req, true) },
  'externalcontact/groupchat/onjob_transfer': { method: 'POST', auth: 'token', handler: (req) => transferGroups(req, false) },
};
