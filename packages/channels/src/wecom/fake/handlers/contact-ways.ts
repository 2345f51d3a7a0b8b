import {
  FakeApiError,
  type FakeRequest,
  type FakeRoutes,
  optBool,
  optNum,
  optStr,
  reqEntry,
  reqStr,
  strList,
} from '../fake-core.ts';
import { type FakeContactWay, nextId } from '../fake-state.ts';
import { staffOrThrow } from './customers.ts';
import { checkContent } from './messages.ts';

/**
 * 「联系我」 contact ways and welcome messages. Documents:
 * - 客户联系「联系我」管理 https://developer.work.weixin.qq.com/document/path/92228 (type 1 single / 2 multi, scene 1
 *   mini-program / 2 QR; state ≤ 30 characters; remark ≤ 30; a single-staff way takes exactly one user)
 * - 发送新客户欢迎语 https://developer.work.weixin.qq.com/document/path/92137 (welcome_code valid 20 s, once; text plus
 *   ≤ 9 attachments). Errcodes as the API client maps them: 41050 invalid or expired welcome code, 41051 already used.
 */

export const WELCOME_CODE_TTL_MS = 20_000;

function readWay(req: FakeRequest): Partial<FakeContactWay> {
  const out: Partial<FakeContactWay> = {};
  const type = optNum(req, 'type');
  if (type !== undefined) out.type = type;
  const scene = optNum(req, 'scene');
  if (scene !== undefined) out.scene = scene;
  const style = optNum(req, 'style');
  if (style !== undefined) out.style = style;
  const remark = optStr(req, 'remark');
  if (remark !== undefined) out.remark = remark;
  const skip = optBool(req, 'skip_verify');
  if (skip !== undefined) out.skip_verify = skip;
  const state = optStr(req, 'state');
  if (state !== undefined) out.state = state;
  if (req.body.user !== undefined) out.user = strList(req.body.user, 'user');
  if (req.body.party !== undefined) out.party = (req.body.party as number[]) ?? [];
  const isTemp = optBool(req, 'is_temp');
  if (isTemp !== undefined) out.is_temp = isTemp;
  const expires = optNum(req, 'expires_in');
  if (expires !== undefined) out.expires_in = expires;
  const chatExpires = optNum(req, 'chat_expires_in');
  if (chatExpires !== undefined) out.chat_expires_in = chatExpires;
  const unionid = optStr(req, 'unionid');
  if (unionid !== undefined) out.unionid = unionid;
  return out;
}

function check(req: FakeRequest, way: Partial<FakeContactWay>) {
  if (way.type !== undefined && way.type !== 1 && way.type !== 2)
    throw new FakeApiError(40058, 'invalid parameter: type must be 1 or 2');
  if (way.scene !== undefined && way.scene !== 1 && way.scene !== 2)
    throw new FakeApiError(40058, 'invalid parameter: scene must be 1 or 2');
  if (way.state !== undefined && [...way.state].length > 30)
    throw new FakeApiError(40058, 'invalid parameter: state is longer than 30 characters');
  if (way.remark !== undefined && [...way.remark].length > 30)
    throw new FakeApiError(40058, 'invalid parameter: remark is longer than 30 characters');
  if (way.user !== undefined) {
    for (const userid of way.user) {
      const staff = staffOrThrow(req.state, userid);
      // The way's members must be configured for 客户联系 (the document's 注意); reported as an invalid parameter.
      if (!staff.followEnabled) throw new FakeApiError(40058, `invalid parameter: ${userid} is not configured for 客户联系`);
    }
  }
}

function addContactWay(req: FakeRequest) {
  const fields = readWay(req);
  if (fields.type === undefined || fields.scene === undefined)
    throw new FakeApiError(40058, 'invalid parameter: type and scene are required');
  check(req, fields);
  const users = fields.user ?? [];
  if (users.length === 0 && (fields.party ?? []).length === 0)
    throw new FakeApiError(40058, 'invalid parameter: user or party is required');
  if (fields.type === 1 && users.length !== 1)
    throw new FakeApiError(40058, 'invalid parameter: a single-staff way (type 1) takes exactly one user');
  if (fields.type === 2 && users.length > 100) throw new FakeApiError(40058, 'invalid parameter: a way takes at most 100 users');
  const config_id = nextId(req.state, 'cw');
  const qr_code = `https://fake-wecom.local/qr/contact/${config_id}`;
  const way: FakeContactWay = {
    config_id,
    type: fields.type,
    scene: fields.scene,
    ...(fields.style !== undefined ? { style: fields.style } : {}),
    remark: fields.remark ?? '',
    skip_verify: fields.skip_verify ?? true,
    state: fields.state ?? '',
    user: users,
    party: fields.party ?? [],
    is_temp: fields.is_temp ?? false,
    ...(fields.expires_in !== undefined ? { expires_in: fields.expires_in } : {}),
    ...(fields.chat_expires_in !== undefined ? { chat_expires_in: fields.chat_expires_in } : {}),
    ...(fields.unionid !== undefined ? { unionid: fields.unionid } : {}),
    qr_code,
    next: 0,
  };
  req.state.contactWays.set(config_id, way);
  return fields.scene === 2 ? { config_id, qr_code } : { config_id };
}

function getContactWay(req: FakeRequest) {
  const { next: _next, ...way } = reqEntry(req, 'config_id', req.state.contactWays);
  return { contact_way: way };
}

function updateContactWay(req: FakeRequest) {
  const way = reqEntry(req, 'config_id', req.state.contactWays);
  const fields = readWay(req);
  // type and scene cannot change after creation.
  delete fields.type;
  delete fields.scene;
  check(req, fields);
  if (fields.user !== undefined && way.type === 1 && fields.user.length !== 1)
    throw new FakeApiError(40058, 'invalid parameter: a single-staff way (type 1) takes exactly one user');
  Object.assign(way, fields);
  if (way.next >= way.user.length) way.next = 0;
  return {};
}

function delContactWay(req: FakeRequest) {
  const way = reqEntry(req, 'config_id', req.state.contactWays);
  req.state.contactWays.delete(way.config_id);
  return {};
}

function sendWelcomeMsg(req: FakeRequest) {
  const code = reqStr(req, 'welcome_code');
  const welcome = req.state.welcomeCodes.get(code);
  if (!welcome || req.now - welcome.issuedAtMs > WELCOME_CODE_TTL_MS)
    throw new FakeApiError(41050, 'invalid welcome code: unknown or older than 20 seconds');
  if (welcome.used) throw new FakeApiError(41051, 'externaluser has started chatting: the welcome code was already used');
  const { text } = checkContent(req);
  if (text && Buffer.byteLength(text.content, 'utf8') > 4000)
    throw new FakeApiError(40058, 'invalid parameter: text.content is longer than 4000 bytes');
  welcome.used = true;
  req.state.welcomeSent.push({
    welcome_code: code,
    userid: welcome.userid,
    external_userid: welcome.external_userid,
    body: req.body,
  });
  return {};
}

export const contactWayRoutes: FakeRoutes = {
  'externalcontact/add_contact_way': { method: 'POST', auth: 'token', handler: addContactWay },
  'externalcontact/get_contact_way': { method: 'POST', auth: 'token', handler: getContactWay },
  'externalcontact/update_contact_way': { method: 'POST', auth: 'token', handler: updateContactWay },
  'externalcontact/del_contact_way': { method: 'POST', auth: 'token', handler: delContactWay },
  'externalcontact/send_welcome_msg': { method: 'POST', auth: 'token', handler: sendWelcomeMsg },
};
