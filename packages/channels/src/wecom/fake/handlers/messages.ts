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
import {
  type FakeMassResult,
  type FakeMassTask,
  type FakeMomentTask,
  type FakeWecomState,
  followKey,
  nextId,
} from '../fake-state.ts';
import { staffOrThrow } from './customers.ts';

/**
 * Mass messages (群发) and moments (朋友圈). Documents:
 * - 创建企业群发 https://developer.work.weixin.qq.com/document/path/92135 (chat_type single/group, external_userid
 *   ≤ 10000, sender, ≤ 9 attachments; staff must confirm in their app; a customer receives a limited number of mass
 *   messages — this fake counts per calendar month, as many as the month has days unless configured)
 * - 获取群发记录列表 https://developer.work.weixin.qq.com/document/path/93338 (get_groupmsg_list_v2, get_groupmsg_task,
 *   get_groupmsg_send_result; send status 0 unsent, 1 sent, 2 not a friend, 3 over the customer's limit)
 * - 企业发表内容到客户的朋友圈 https://developer.work.weixin.qq.com/document/path/95094 (add_moment_task → jobid,
 *   get_moment_task_result status 1 started / 2 processing / 3 done, get_moment_task publish_status 0/1)
 */

function daysInMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Whether `external_userid` has reached its monthly mass-message limit at `nowMs` (pure). */
export function overMassLimit(received: number[], nowMs: number, limit: number | null): boolean {
  const d = new Date(nowMs);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  const max = limit ?? daysInMonth(nowMs);
  return received.filter((t) => t >= monthStart).length >= max;
}

/** The text and attachments of a message body: ≤ 9 attachments, and text or an attachment (44004 when empty). */
export function checkContent(req: FakeRequest) {
  const text = req.body.text as { content?: unknown } | undefined;
  const attachments = req.body.attachments;
  if (attachments !== undefined && (!Array.isArray(attachments) || attachments.length > 9))
    throw new FakeApiError(40058, 'invalid parameter: attachments holds at most 9 items');
  const hasText = typeof text?.content === 'string' && text.content.length > 0;
  if (!hasText && (!Array.isArray(attachments) || attachments.length === 0))
    throw new FakeApiError(44004, 'empty content: text or an attachment is required');
  return { text: hasText ? { content: String(text?.content) } : undefined, attachments: (attachments as unknown[]) ?? [] };
}

function addMsgTemplate(req: FakeRequest) {
  const chatType = (optStr(req, 'chat_type') ?? 'single') as 'single' | 'group';
  if (chatType !== 'single' && chatType !== 'group')
    throw new FakeApiError(40058, 'invalid parameter: chat_type must be single or group');
  const content = checkContent(req);
  const sender = optStr(req, 'sender');
  if (sender) staffOrThrow(req.state, sender);
  const externalIds = strList(req.body.external_userid, 'external_userid');
  if (externalIds.length > 10000) throw new FakeApiError(40058, 'invalid parameter: external_userid holds at most 10000 ids');
  const chatIds = strList(req.body.chat_id_list, 'chat_id_list');
  const msgid = nextId(req.state, 'msg');
  const results: FakeMassResult[] = [];
  const fail_list: string[] = [];
  if (chatType === 'single') {
    const wanted = externalIds.length > 0 ? new Set(externalIds) : null;
    if (wanted) for (const id of wanted) if (!req.state.customers.has(id)) fail_list.push(id);
    const seen = new Set<string>();
    for (const f of [...req.state.follows.values()].sort((a, b) => a.createtime - b.createtime)) {
      if (sender && f.userid !== sender) continue;
      if (wanted && !wanted.has(f.external_userid)) continue;
      // One staff member per customer: the first follow.
      if (seen.has(f.external_userid)) continue;
      seen.add(f.external_userid);
      results.push({ external_userid: f.external_userid, userid: f.userid, status: 0 });
    }
    if (wanted) for (const id of wanted) if (!seen.has(id) && !fail_list.includes(id)) fail_list.push(id);
  } else {
    if (!sender) throw new FakeApiError(40058, 'invalid parameter: sender is required for chat_type group');
    for (const g of req.state.groups.values()) {
      if (g.dismissed || g.owner !== sender) continue;
      if (chatIds.length > 0 && !chatIds.includes(g.chat_id)) continue;
      results.push({ chat_id: g.chat_id, userid: sender, status: 0 });
    }
  }
  if (results.length === 0) throw new FakeApiError(41048, 'no valid recipient: none of the targets can be reached');
  const task: FakeMassTask = {
    msgid,
    chat_type: chatType,
    create_type: 0,
    creator: sender ?? '',
    create_time: nowSec(req),
    ...(content.text ? { text: content.text } : {}),
    attachments: content.attachments,
    tasks: new Map([...new Set(results.map((r) => r.userid))].map((u) => [u, { status: 0 as const }])),
    results,
  };
  req.state.massTasks.set(msgid, task);
  return { fail_list, msgid };
}

/** Staff `userid` confirms task `msgid` in their app: each target is sent, not a friend, or over its limit. */
export function confirmMassTask(state: FakeWecomState, msgid: string, userid: string, nowMs: number, limit: number | null) {
  const task = state.massTasks.get(msgid);
  if (!task) throw new Error(`No mass task ${msgid}: create it with add_msg_template first.`);
  const entry = task.tasks.get(userid);
  if (!entry) throw new Error(`${userid} has nothing to send in mass task ${msgid}.`);
  const sec = Math.floor(nowMs / 1000);
  entry.status = 2;
  entry.send_time = sec;
  for (const r of task.results) {
    if (r.userid !== userid || r.status !== 0) continue;
    if (r.external_userid) {
      if (!state.follows.has(followKey(userid, r.external_userid))) {
        r.status = 2;
        continue;
      }
      const received = state.massReceived.get(r.external_userid) ?? [];
      if (overMassLimit(received, nowMs, limit)) {
        r.status = 3;
        continue;
      }
      received.push(sec);
      state.massReceived.set(r.external_userid, received);
    }
    r.status = 1;
    r.send_time = sec;
  }
  return task;
}

function getGroupmsgListV2(req: FakeRequest) {
  const chatType = optStr(req, 'chat_type') ?? 'single';
  const start = optNum(req, 'start_time');
  const end = optNum(req, 'end_time');
  if (start === undefined || end === undefined)
    throw new FakeApiError(40058, 'invalid parameter: start_time and end_time are required');
  if (end < start || end - start > 31 * 86400) throw new FakeApiError(40058, 'invalid parameter: the range is at most 1 month');
  const creator = optStr(req, 'creator');
  const limit = Math.min(optNum(req, 'limit') ?? 50, 100);
  const tasks = [...req.state.massTasks.values()]
    .filter((t) => t.chat_type === chatType && t.create_time >= start && t.create_time <= end)
    .filter((t) => !creator || t.creator === creator)
    .sort((a, b) => a.create_time - b.create_time || a.msgid.localeCompare(b.msgid));
  const paged = page(tasks, optStr(req, 'cursor'), limit);
  return {
    next_cursor: paged.next_cursor,
    group_msg_list: paged.items.map((t) => ({
      msgid: t.msgid,
      creator: t.creator,
      create_time: String(t.create_time),
      create_type: t.create_type,
      ...(t.text ? { text: t.text } : {}),
      attachments: t.attachments,
    })),
  };
}

function getGroupmsgTask(req: FakeRequest) {
  const task = reqEntry(req, 'msgid', req.state.massTasks);
  const limit = Math.min(optNum(req, 'limit') ?? 500, 1000);
  const list = [...task.tasks.entries()].sort(([a], [b]) => a.localeCompare(b));
  const paged = page(list, optStr(req, 'cursor'), limit);
  return {
    next_cursor: paged.next_cursor,
    task_list: paged.items.map(([userid, t]) => ({
      userid,
      status: t.status,
      ...(t.send_time ? { send_time: t.send_time } : {}),
    })),
  };
}

function getGroupmsgSendResult(req: FakeRequest) {
  const task = reqEntry(req, 'msgid', req.state.massTasks);
  const userid = reqStr(req, 'userid');
  const limit = Math.min(optNum(req, 'limit') ?? 500, 1000);
  const list = task.results.filter((r) => r.userid === userid);
  const paged = page(list, optStr(req, 'cursor'), limit);
  return { next_cursor: paged.next_cursor, send_list: paged.items };
}

function addMomentTask(req: FakeRequest) {
  const content = checkContent(req);
  const range = (req.body.visible_range ?? {}) as { sender_list?: { user_list?: unknown } };
  const users = strList(range.sender_list?.user_list, 'visible_range.sender_list.user_list');
  const staff = users.length > 0 ? users : [...req.state.staff.values()].filter((s) => s.followEnabled).map((s) => s.userid);
  const jobid = nextId(req.state, 'job');
  const task: FakeMomentTask = {
    jobid,
    moment_id: nextId(req.state, 'mom'),
    creator: '',
    create_time: nowSec(req),
    ...(content.text ? { text: content.text } : {}),
    attachments: content.attachments,
    staff: staff.filter((u) => req.state.staff.has(u)),
    published: new Map(),
    polls: 0,
    invalid: staff.filter((u) => !req.state.staff.has(u)),
  };
  req.state.moments.set(jobid, task);
  return { jobid };
}

function getMomentTaskResult(req: FakeRequest) {
  const task = reqEntry(req, 'jobid', req.state.moments);
  task.polls += 1;
  // The job is asynchronous: the first poll sees it processing, later polls see it done.
  if (task.polls === 1) return { status: 2, type: 'add_moment_task' };
  return {
    status: 3,
    type: 'add_moment_task',
    result: {
      errcode: 0,
      errmsg: 'ok',
      moment_id: task.moment_id,
      invalid_sender_list: { user_list: task.invalid, department_list: [] },
      invalid_external_contact_list: { tag_list: [] },
    },
  };
}

function getMomentTask(req: FakeRequest) {
  const momentId = reqStr(req, 'moment_id');
  const task = [...req.state.moments.values()].find((m) => m.moment_id === momentId);
  if (!task) throw new FakeApiError(40058, `invalid parameter: moment_id ${momentId} does not exist`);
  const limit = Math.min(optNum(req, 'limit') ?? 500, 1000);
  const paged = page([...task.staff].sort(), optStr(req, 'cursor'), limit);
  return {
    next_cursor: paged.next_cursor,
    task_list: paged.items.map((userid) => ({ userid, publish_status: task.published.has(userid) ? 1 : 0 })),
  };
}

export const messageRoutes: FakeRoutes = {
  'externalcontact/add_msg_template': { method: 'POST', auth: 'token', handler: addMsgTemplate },
  'externalcontact/get_groupmsg_list_v2': { method: 'POST', auth: 'token', handler: getGroupmsgListV2 },
  'externalcontact/get_groupmsg_task': { method: 'POST', auth: 'token', handler: getGroupmsgTask },
  'externalcontact/get_groupmsg_send_result': { method: 'POST', auth: 'token', handler: getGroupmsgSendResult },
  'externalcontact/add_moment_task': { method: 'POST', auth: 'token', handler: addMomentTask },
  'externalcontact/get_moment_task_result': { method: 'GET', auth: 'token', handler: getMomentTaskResult },
  'externalcontact/get_moment_task': { method: 'POST', auth: 'token', handler: getMomentTask },
};
