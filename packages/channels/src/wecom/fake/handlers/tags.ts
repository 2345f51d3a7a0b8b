import { FakeApiError, type FakeRequest, type FakeRoutes, nowSec, optNum, optStr, reqStr, strList } from '../fake-core.ts';
import { allTags, type FakeTagGroup, followKey, nextId } from '../fake-state.ts';

/**
 * Corp tags. Documents: 管理企业标签 https://developer.work.weixin.qq.com/document/path/92117 (get/add/edit/del_corp_tag;
 * 40068 invalid tagid, 40071 the name already exists; a group with no tags left is deleted) and 编辑客户企业标签
 * https://developer.work.weixin.qq.com/document/path/92118 (mark_tag: add_tag/remove_tag; 84061 without a relation).
 */

function view(group: FakeTagGroup) {
  return {
    group_id: group.group_id,
    group_name: group.group_name,
    create_time: group.create_time,
    order: group.order,
    deleted: false,
    tag: group.tags.map((t) => ({ id: t.id, name: t.name, create_time: t.create_time, order: t.order, deleted: false })),
  };
}

function getCorpTagList(req: FakeRequest) {
  const tagIds = strList(req.body.tag_id, 'tag_id');
  const groupIds = strList(req.body.group_id, 'group_id');
  let groups = req.state.tagGroups;
  // group_id wins over tag_id when both are given (per the document).
  if (groupIds.length > 0) groups = groups.filter((g) => groupIds.includes(g.group_id));
  else if (tagIds.length > 0)
    groups = groups.map((g) => ({ ...g, tags: g.tags.filter((t) => tagIds.includes(t.id)) })).filter((g) => g.tags.length > 0);
  return { tag_group: groups.map(view) };
}

function addCorpTag(req: FakeRequest) {
  const groupId = optStr(req, 'group_id');
  const groupName = optStr(req, 'group_name');
  const rawTags = req.body.tag;
  if (!Array.isArray(rawTags) || rawTags.length === 0)
    throw new FakeApiError(40058, 'invalid parameter: tag must list at least one tag');
  let group = groupId ? req.state.tagGroups.find((g) => g.group_id === groupId) : undefined;
  if (groupId && !group) throw new FakeApiError(40068, `invalid tagid: group_id ${groupId} does not exist`);
  if (!group && groupName) group = req.state.tagGroups.find((g) => g.group_name === groupName);
  if (!group) {
    if (!groupName) throw new FakeApiError(40058, 'invalid parameter: group_id or group_name is required');
    group = {
      group_id: nextId(req.state, 'et'),
      group_name: groupName,
      create_time: nowSec(req),
      order: optNum(req, 'order') ?? 0,
      tags: [],
    };
    req.state.tagGroups.push(group);
  }
  const target = group;
  const total = allTags(req.state).size;
  if (total + rawTags.length > 3000) throw new FakeApiError(40058, 'invalid parameter: a corp holds at most 3000 tags');
  for (const raw of rawTags as { name?: unknown; order?: unknown }[]) {
    if (typeof raw?.name !== 'string' || raw.name.length === 0 || [...raw.name].length > 30)
      throw new FakeApiError(40058, 'invalid parameter: each tag needs a name of 1 to 30 characters');
    const name = raw.name;
    if (target.tags.some((t) => t.name === name)) throw new FakeApiError(40071, `the tag name already exists: ${name}`);
    target.tags.push({
      id: nextId(req.state, 'et'),
      name,
      create_time: nowSec(req),
      order: typeof raw.order === 'number' ? raw.order : 0,
    });
  }
  return { tag_group: view(target) };
}

function editCorpTag(req: FakeRequest) {
  const id = reqStr(req, 'id');
  const name = optStr(req, 'name');
  const order = optNum(req, 'order');
  const group = req.state.tagGroups.find((g) => g.group_id === id);
  if (group) {
    if (name !== undefined) group.group_name = name;
    if (order !== undefined) group.order = order;
    return {};
  }
  const found = allTags(req.state).get(id);
  if (!found) throw new FakeApiError(40068, `invalid tagid: ${id}`);
  if (name !== undefined) {
    if (found.group.tags.some((t) => t.name === name && t.id !== id))
      throw new FakeApiError(40071, `the tag name already exists: ${name}`);
    found.tag.name = name;
  }
  if (order !== undefined) found.tag.order = order;
  return {};
}

function delCorpTag(req: FakeRequest) {
  const tagIds = strList(req.body.tag_id, 'tag_id');
  const groupIds = strList(req.body.group_id, 'group_id');
  if (tagIds.length === 0 && groupIds.length === 0)
    throw new FakeApiError(40058, 'invalid parameter: tag_id or group_id is required');
  const tags = allTags(req.state);
  for (const id of tagIds) if (!tags.has(id)) throw new FakeApiError(40068, `invalid tagid: ${id}`);
  for (const id of groupIds)
    if (!req.state.tagGroups.some((g) => g.group_id === id)) throw new FakeApiError(40068, `invalid tagid: group ${id}`);
  const removed = new Set(tagIds);
  for (const g of req.state.tagGroups) {
    if (groupIds.includes(g.group_id)) for (const t of g.tags) removed.add(t.id);
    g.tags = g.tags.filter((t) => !removed.has(t.id));
  }
  // A group whose last tag is deleted is deleted too.
  req.state.tagGroups = req.state.tagGroups.filter((g) => g.tags.length > 0 && !groupIds.includes(g.group_id));
  for (const f of req.state.follows.values()) f.tag_ids = f.tag_ids.filter((id) => !removed.has(id));
  return {};
}

function markTag(req: FakeRequest) {
  const userid = reqStr(req, 'userid');
  const externalUserId = reqStr(req, 'external_userid');
  const follow = req.state.follows.get(followKey(userid, externalUserId));
  if (!follow) throw new FakeApiError(84061, `not external contact: ${userid} has no relation with ${externalUserId}`);
  const add = strList(req.body.add_tag, 'add_tag');
  const remove = strList(req.body.remove_tag, 'remove_tag');
  if (add.length === 0 && remove.length === 0)
    throw new FakeApiError(40058, 'invalid parameter: add_tag or remove_tag is required');
  const tags = allTags(req.state);
  for (const id of [...add, ...remove]) if (!tags.has(id)) throw new FakeApiError(40068, `invalid tagid: ${id}`);
  const next = new Set(follow.tag_ids);
  for (const id of add) next.add(id);
  for (const id of remove) next.delete(id);
  follow.tag_ids = [...next];
  return {};
}

export const tagRoutes: FakeRoutes = {
  'externalcontact/get_corp_tag_list': { method: 'POST', auth: 'token', handler: getCorpTagList },
  'externalcontact/add_corp_tag': { method: 'POST', auth: 'token', handler: addCorpTag },
  'externalcontact/edit_corp_tag': { method: 'POST', auth: 'token', handler: editCorpTag },
  'externalcontact/del_corp_tag': { method: 'POST', auth: 'token', handler: delCorpTag },
  'externalcontact/mark_tag': { method: 'POST', auth: 'token', handler: markTag },
};
