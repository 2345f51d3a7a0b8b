import { randomBytes } from 'node:crypto';
import { FakeApiError, type FakeRequest, type FakeRoutes, nowSec, optNum, strList } from '../fake-core.ts';
import { nextId } from '../fake-state.ts';
import { staffOrThrow } from './customers.ts';
import { seeded } from './groups.ts';

/**
 * Statistics, JS-SDK tickets, media and the group robot. Documents:
 * - 获取「联系客户统计」数据 https://developer.work.weixin.qq.com/document/path/92132 (get_user_behavior_data: userid or
 *   partyid required, range ≤ 30 days, one item per day)
 * - JS-SDK 获取jsapi_ticket https://developer.work.weixin.qq.com/document/path/90506 (get_jsapi_ticket and
 *   ticket/get?type=agent_config; expires_in 7200)
 * - 上传临时素材 https://developer.work.weixin.qq.com/document/path/90253, 上传附件资源
 *   https://developer.work.weixin.qq.com/document/path/95098 (media_type, attachment_type)
 * - 群机器人配置说明 https://developer.work.weixin.qq.com/document/path/91770 (20 messages a minute per robot → 45009;
 *   text ≤ 2048 bytes, markdown ≤ 4096 bytes; a bad key → 93000 invalid webhook url)
 */

function userBehavior(req: FakeRequest) {
  const users = strList(req.body.userid, 'userid');
  const parties = (req.body.partyid as unknown[] | undefined) ?? [];
  if (users.length === 0 && parties.length === 0)
    throw new FakeApiError(40058, 'invalid parameter: userid or partyid is required');
  for (const u of users) staffOrThrow(req.state, u);
  const start = optNum(req, 'start_time');
  const end = optNum(req, 'end_time');
  if (start === undefined || end === undefined)
    throw new FakeApiError(40058, 'invalid parameter: start_time and end_time are required');
  if (end < start || end - start > 30 * 86400) throw new FakeApiError(40058, 'invalid parameter: the range is at most 30 days');
  // WeCom's stat_time is the day's 00:00 in Beijing time (UTC+8), not UTC midnight.
  const day0 = start - ((start + 8 * 3600) % 86400);
  const behavior_data = [];
  for (let day = day0; day <= end; day += 86400) {
    const seed = `${users.join(',')}|${day}`;
    const chats = seeded(`${seed}|chat`, 40 * Math.max(users.length, 1));
    behavior_data.push({
      stat_time: day,
      chat_cnt: chats,
      message_cnt: chats * (2 + seeded(`${seed}|m`, 6)),
      reply_percentage: Math.round((60 + seeded(`${seed}|r`, 40)) * 100) / 100,
      avg_reply_time: 1 + seeded(`${seed}|t`, 30),
      negative_feedback_cnt: seeded(`${seed}|n`, 3),
      new_apply_cnt: seeded(`${seed}|a`, 12),
      new_contact_cnt: seeded(`${seed}|c`, 10),
    });
  }
  return { behavior_data };
}

function issueTicket(req: FakeRequest, kind: 'jsapi' | 'agent_config') {
  const ticket = randomBytes(24).toString('base64url');
  req.state.tickets.push({ kind, ticket });
  return { ticket, expires_in: 7200 };
}

const ticket = (req: FakeRequest) => issueTicket(req, 'jsapi');

function agentTicket(req: FakeRequest) {
  if (req.query.get('type') !== 'agent_config') throw new FakeApiError(40058, 'invalid parameter: type must be agent_config');
  return issueTicket(req, 'agent_config');
}

function mediaUpload(req: FakeRequest) {
  const type = req.query.get('type') ?? req.query.get('media_type') ?? '';
  if (!['image', 'voice', 'video', 'file'].includes(type))
    throw new FakeApiError(40005, 'invalid type: image, voice, video or file');
  if (Number(req.body.__size ?? 0) === 0) throw new FakeApiError(44001, 'empty media data');
  const media_id = nextId(req.state, 'media');
  const created_at = nowSec(req);
  req.state.media.set(media_id, { type, created_at });
  return { type, media_id, created_at: String(created_at) };
}

function robotSend(req: FakeRequest) {
  const key = req.query.get('key');
  if (!key) throw new FakeApiError(93000, 'invalid webhook url: key is missing');
  const robot = req.state.robots.get(key) ?? { sentMs: [], messages: [] };
  req.state.robots.set(key, robot);
  robot.sentMs = robot.sentMs.filter((t) => t > req.now - 60_000);
  if (robot.sentMs.length >= req.config.robotPerMinute)
    throw new FakeApiError(45009, 'api freq out of limit: 20 messages a minute per robot');
  const msgtype = req.body.msgtype;
  const limits: Record<string, number> = { text: 2048, markdown: 4096 };
  if (
    typeof msgtype !== 'string' ||
    !['text', 'markdown', 'markdown_v2', 'image', 'news', 'file', 'voice', 'template_card'].includes(msgtype)
  )
    throw new FakeApiError(40008, 'invalid message type');
  const content = (req.body[msgtype] as { content?: unknown } | undefined)?.content;
  const max = limits[msgtype];
  if (max !== undefined) {
    if (typeof content !== 'string' || content.length === 0) throw new FakeApiError(44004, 'empty content');
    if (Buffer.byteLength(content, 'utf8') > max)
      throw new FakeApiError(40058, `invalid parameter: ${msgtype}.content is longer than ${max} bytes`);
  }
  robot.sentMs.push(req.now);
  robot.messages.push(req.body);
  return {};
}

export const miscRoutes: FakeRoutes = {
  'externalcontact/get_user_behavior_data': { method: 'POST', auth: 'token', handler: userBehavior },
  get_jsapi_ticket: { method: 'GET', auth: 'token', handler: ticket },
  'ticket/get': { method: 'GET', auth: 'token', handler: agentTicket },
  'media/upload': { method: 'POST', auth: 'token', handler: mediaUpload },
  'media/upload_attachment': { method: 'POST', auth: 'token', handler: mediaUpload },
  'webhook/send': { method: 'POST', auth: 'key', handler: robotSend },
};
