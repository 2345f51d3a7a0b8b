import { FakeApiError, type FakeRequest, type FakeRoutes, optNum, optStr, page, reqStr, strList } from '../fake-core.ts';
import { allTags, type FakeFollow, type FakeWecomState, followKey } from '../fake-state.ts';

/**
 * Staff and customers. Documents:
 * - 读取成员 user/get https://developer.work.weixin.qq.com/document/path/90196 (unknown userid → 60111)
 * - 获取配置了客户联系功能的成员列表 https://developer.work.weixin.qq.com/document/path/92571
 * - 获取客户列表 https://developer.work.weixin.qq.com/document/path/92113 (84061 when no relation)
 * - 获取客户详情 https://developer.work.weixin.qq.com/document/path/92114 (follow_user paged by cursor)
 * - 批量获取客户详情 https://developer.work.weixin.qq.com/document/path/92994 (userid_list ≤ 100, limit ≤ 100, default 50)
 * - 修改客户备注信息 https://developer.work.weixin.qq.com/document/path/92115
 */

export function staffOrThrow(state: FakeWecomState, userid: string) {
  const staff = state.staff.get(userid);
  // 60111: userid not found (全局错误码).
  if (!staff) throw new FakeApiError(60111, `userid not found: ${userid}`);
  return staff;
}

export function followsOf(state: FakeWecomState, externalUserId: string): FakeFollow[] {
  // By staff (few) rather than by follow (many): externalcontact/get is hot in benchmarks.
  return [...state.staff.keys()]
    .flatMap((userid) => state.follows.get(followKey(userid, externalUserId)) ?? [])
    .sort((a, b) => a.createtime - b.createtime || a.userid.localeCompare(b.userid));
}

function externalContact(state: FakeWecomState, externalUserId: string) {
  const c = state.customers.get(externalUserId);
  if (!c) throw new FakeApiError(84061, `not external contact: ${externalUserId}`);
  return {
    external_userid: c.external_userid,
    name: c.name,
    avatar: c.avatar,
    type: c.type,
    gender: c.gender,
    ...(c.unionid ? { unionid: c.unionid } : {}),
  };
}

function followTags(state: FakeWecomState, follow: FakeFollow) {
  const tags = allTags(state);
  return follow.tag_ids.flatMap((id) => {
    const found = tags.get(id);
    // type 1 = 企业设置的标签.
    return found ? [{ group_name: found.group.group_name, tag_name: found.tag.name, tag_id: id, type: 1 }] : [];
  });
}

function followCommon(follow: FakeFollow) {
  return {
    userid: follow.userid,
    remark: follow.remark,
    description: follow.description,
    createtime: follow.createtime,
    remark_corp_name: follow.remark_corp_name,
    remark_mobiles: follow.remark_mobiles,
    oper_userid: follow.oper_userid,
    add_way: follow.add_way,
    ...(follow.state ? { state: follow.state } : {}),
  };
}

function userGet(req: FakeRequest) {
  const userid = reqStr(req, 'userid', 41009);
  const staff = staffOrThrow(req.state, userid);
  return { userid: staff.userid, name: staff.name, department: staff.department, status: staff.status };
}

function getFollowUserList(req: FakeRequest) {
  const follow_user = [...req.state.staff.values()].filter((s) => s.followEnabled).map((s) => s.userid);
  return { follow_user };
}

function list(req: FakeRequest) {
  const userid = reqStr(req, 'userid', 41009);
  const staff = staffOrThrow(req.state, userid);
  // 84074-style refusal would be for a missing permission; a member outside 客户联系 has no customers.
  if (!staff.followEnabled) throw new FakeApiError(84061, `not external contact: ${userid} is not configured for 客户联系`);
  const external_userid = [...req.state.follows.values()]
    .filter((f) => f.userid === userid)
    .sort((a, b) => a.createtime - b.createtime || a.external_userid.localeCompare(b.external_userid))
    .map((f) => f.external_userid);
  return { external_userid };
}

function get(req: FakeRequest) {
  const externalUserId = reqStr(req, 'external_userid');
  const external_contact = externalContact(req.state, externalUserId);
  const follows = followsOf(req.state, externalUserId);
  if (follows.length === 0) throw new FakeApiError(84061, `not external contact: ${externalUserId}`);
  // follow_user is paged by cursor (up to 500 per page, per the document).
  const paged = page(follows, optStr(req, 'cursor'), 500);
  return {
    external_contact,
    follow_user: paged.items.map((f) => ({ ...followCommon(f), tags: followTags(req.state, f) })),
    next_cursor: paged.next_cursor,
  };
}

function batchGetByUser(req: FakeRequest) {
  const useridList = strList(req.body.userid_list, 'userid_list');
  if (useridList.length === 0 || useridList.length > 100)
    throw new FakeApiError(40058, 'invalid parameter: userid_list must hold 1 to 100 userids');
  for (const userid of useridList) staffOrThrow(req.state, userid);
  // limit: max 100, default 50; larger values are capped (not rejected), per the document.
  const limit = Math.min(Math.max(optNum(req, 'limit') ?? 50, 1), 100);
  const wanted = new Set(useridList);
  const follows = [...req.state.follows.values()]
    .filter((f) => wanted.has(f.userid))
    .sort(
      (a, b) =>
        a.userid.localeCompare(b.userid) || a.createtime - b.createtime || a.external_userid.localeCompare(b.external_userid),
    );
  const paged = page(follows, optStr(req, 'cursor'), limit);
  return {
    external_contact_list: paged.items.map((f) => ({
      external_contact: externalContact(req.state, f.external_userid),
      follow_info: { ...followCommon(f), tag_id: f.tag_ids },
    })),
    next_cursor: paged.next_cursor,
    fail_info: { unlicensed_userid_list: [] },
  };
}

function remark(req: FakeRequest) {
  const userid = reqStr(req, 'userid');
  const externalUserId = reqStr(req, 'external_userid');
  const follow = req.state.follows.get(followKey(userid, externalUserId));
  if (!follow) throw new FakeApiError(84061, `not external contact: ${userid} has no relation with ${externalUserId}`);
  const r = optStr(req, 'remark');
  const description = optStr(req, 'description');
  const corp = optStr(req, 'remark_company');
  if (r !== undefined) follow.remark = r;
  if (description !== undefined) follow.description = description;
  if (corp !== undefined) follow.remark_corp_name = corp;
  if (req.body.remark_mobiles !== undefined) follow.remark_mobiles = strList(req.body.remark_mobiles, 'remark_mobiles');
  return {};
}

export const customerRoutes: FakeRoutes = {
  'user/get': { method: 'GET', auth: 'token', handler: userGet },
  'externalcontact/get_follow_user_list': { method: 'GET', auth: 'token', handler: getFollowUserList },
  'externalcontact/list': { method: 'GET', auth: 'token', handler: list },
  'externalcontact/get': { method: 'GET', auth: 'token', handler: get },
  'externalcontact/batch/get_by_user': { method: 'POST', auth: 'token', handler: batchGetByUser },
  'externalcontact/remark': { method: 'POST', auth: 'token', handler: remark },
};
