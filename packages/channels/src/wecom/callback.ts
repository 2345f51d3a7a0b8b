import { createHash } from 'node:crypto';
import type { TChannelEvent } from '../channel.ts';
import { CONTACT_WAY_LIMITS } from '../channel.ts';
import { child, childrenNamed, parseXml, type TParseXmlOptions, WecomXmlError } from './xml.ts';

/**
 * WeCom callbacks (客户联系 变更回调), from the encrypted POST body to Pond's channel events.
 * Event formats: 企业微信开发者中心 "客户联系 › 变更回调 › 事件格式"
 * (https://developer.work.weixin.qq.com/document/path/92130 for self-built apps, the same fields
 * as path/96361; the third-party form with InfoType/TimeStamp/AuthCorpId is path/92277):
 * - change_external_contact: add_external_contact (State, WelcomeCode), add_half_external_contact
 *   (State, WelcomeCode), edit_external_contact, del_external_contact (Source), del_follow_user,
 *   transfer_fail (FailReason);
 * - change_external_chat: create, update (UpdateDetail add_member / del_member / change_owner /
 *   change_name / change_notice; JoinScene, QuitScene, MemChangeCnt, MemChangeList, LastMemVer,
 *   CurMemVer), dismiss;
 * - change_external_tag: create / update / delete (Id, TagType tag|tag_group, StrategyId),
 *   shuffle (Id = the tag group reordered, empty = all groups).
 * Callbacks only name ids: names, owners and notices come from the API (the decoder's lookups).
 */

export { WecomXmlError } from './xml.ts';

/** The outer POST body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export type TWecomEnvelope = { toUserName: string; encrypt: string; agentId: string | null };

/** A decrypted callback: every top-level field as a string, plus the parts Pond reads often. */
export type TWecomCallback = {
  // Every leaf element directly under <xml>, by its documented name (UserID, ExternalUserID, ChatId…).
  fields: Record<string, string>;
  // MemChangeList's <Item>s (userid of staff or external_userid of customers), in order.
  memChangeList: string[];
  // Event (or InfoType in the third-party form), e.g. change_external_contact.
  event: string | null;
  changeType: string | null;
  // Seconds since the epoch (CreateTime, or TimeStamp in the third-party form).
  createTime: number;
  // Only messages have one; events are deduped on their content.
  msgId: string | null;
  // The corp id (ToUserName, or AuthCorpId in the third-party form).
  toUserName: string;
  // 'sys' for events.
  fromUserName: string;
};

/** What the decoder found through the API before mapping; `null` = looked up and not found. */
export type TCallbackLookups = {
  customer?: { name: string; avatar?: string; gender?: number; unionId?: string; remark?: string } | null;
  group?: { name: string; ownerUserId: string; notice?: string; memberCap?: number } | null;
  // For each MemChangeList id: a customer (external_userid) or a staff member (userid).
  memberTypes?: Record<string, 'customer' | 'staff'>;
};

/** What `toChannelEvents` needs looked up first. */
export type TCallbackNeeds = {
  customer?: { staffUserId: string; externalUserId: string };
  group?: { chatId: string };
  memberTypes?: string[];
};

function rootOf(xml: string, options?: TParseXmlOptions) {
  const root = parseXml(xml, options);
  if (root.name !== 'xml') throw new WecomXmlError('BAD_XML', `the root element is <${root.name}>, not <xml>`);
  return root;
}

/**
 * Reads the outer POST body WeCom sends to the callback URL.
 * @example
 * parseEnvelope('<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt><![CDATA[abc=]]></Encrypt><AgentID>218</AgentID></xml>');
 * // { toUserName: 'ww1', encrypt: 'abc=', agentId: '218' }
 */
export function parseEnvelope(xml: string, options?: TParseXmlOptions): TWecomEnvelope {
  const root = rootOf(xml, options);
  const encrypt = child(root, 'Encrypt')?.text.trim() ?? '';
  if (!encrypt) throw new WecomXmlError('BAD_XML', 'the body has no <Encrypt> element; is this a WeCom callback?');
  const agentId = child(root, 'AgentID')?.text.trim() ?? '';
  return { toUserName: child(root, 'ToUserName')?.text.trim() ?? '', encrypt, agentId: agentId === '' ? null : agentId };
}

/**
 * Reads a decrypted callback (the XML inside `<Encrypt>`).
 * @example
 * const cb = parseCallback('<xml><ToUserName>ww1</ToUserName><FromUserName>sys</FromUserName><CreateTime>1403610513</CreateTime>' +
 *   '<MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>del_follow_user</ChangeType>' +
 *   '<UserID>zhangsan</UserID><ExternalUserID>wmX</ExternalUserID></xml>');
 * cb.fields.UserID; // 'zhangsan'
 */
export function parseCallback(plainXml: string, options?: TParseXmlOptions): TWecomCallback {
  const root = rootOf(plainXml, options);
  const fields: Record<string, string> = {};
  for (const c of root.children) {
    if (c.children.length > 0 || Object.hasOwn(fields, c.name)) continue;
    fields[c.name] = c.text.trim();
  }
  const list = child(root, 'MemChangeList');
  const items = childrenNamed(list, 'Item').map((item) => item.text.trim());
  // Some senders flatten the list into one comma-separated text; read both forms.
  const memChangeList = (items.length > 0 ? items : (list?.text.split(',') ?? [])).map((s) => s.trim()).filter(Boolean);
  const rawTime = fields.CreateTime ?? fields.TimeStamp ?? '';
  if (!/^\d{1,12}$/.test(rawTime))
    throw new WecomXmlError('BAD_XML', 'the callback has no numeric <CreateTime>; is this a WeCom callback?');
  return {
    fields,
    memChangeList,
    event: fields.Event || fields.InfoType || null,
    changeType: fields.ChangeType || null,
    createTime: Number(rawTime),
    msgId: fields.MsgId || null,
    toUserName: fields.ToUserName ?? fields.AuthCorpId ?? '',
    fromUserName: fields.FromUserName ?? '',
  };
}

/**
 * The inbox type of a callback, for logs and the console's list.
 * @example
 * callbackType(cb); // 'wecom:change_external_contact/add_external_contact'
 */
export function callbackType(cb: TWecomCallback): string {
  if (cb.event) return cb.changeType ? `wecom:${cb.event}/${cb.changeType}` : `wecom:${cb.event}`;
  return `wecom:${cb.fields.MsgType || 'unknown'}`;
}

// The fields that say which event this is. A redelivery repeats them all; two different events
// differ in at least one. Not WelcomeCode: it is a credential, not an identity.
const IDENTITY_FIELDS = [
  'ToUserName',
  'AuthCorpId',
  'SuiteId',
  'FromUserName',
  'CreateTime',
  'TimeStamp',
  'MsgType',
  'Event',
  'InfoType',
  'ChangeType',
  'UpdateDetail',
  'UserID',
  'ExternalUserID',
  'ChatId',
  'Id',
  'TagType',
  'StrategyId',
  'JoinScene',
  'QuitScene',
  'MemChangeCnt',
  'LastMemVer',
  'CurMemVer',
  'State',
  'Source',
  'FailReason',
] as const;

/**
 * The inbox dedupe key: `MsgId` when the callback has one, else a sha256 hex of the fields that
 * identify the event (and its MemChangeList, sorted). Same event redelivered → same key.
 * @example
 * callbackDedupeKey(parseCallback(xml)) === callbackDedupeKey(parseCallback(xml)); // true
 */
export function callbackDedupeKey(cb: TWecomCallback): string {
  if (cb.msgId) return cb.msgId;
  // JSON of [name, value] pairs: unambiguous whatever the values hold.
  const parts: [string, string][] = IDENTITY_FIELDS.filter((f) => cb.fields[f] !== undefined).map((f) => [f, cb.fields[f] ?? '']);
  parts.push(['MemChangeList', [...cb.memChangeList].sort().join('\n')]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const CUSTOMER_ADDS = new Set(['add_external_contact', 'add_half_external_contact']);
const GROUP_DETAILS = new Set(['change_owner', 'change_name', 'change_notice']);

/**
 * What the decoder must look up (through the API) before `toChannelEvents` can map the callback.
 * @example
 * callbackNeeds(addEvent); // { customer: { staffUserId: 'zhangsan', externalUserId: 'wmX' } }
 */
export function callbackNeeds(cb: TWecomCallback): TCallbackNeeds {
  const f = cb.fields;
  if (cb.event === 'change_external_contact') {
    if ((CUSTOMER_ADDS.has(cb.changeType ?? '') || cb.changeType === 'edit_external_contact') && f.UserID && f.ExternalUserID)
      return { customer: { staffUserId: f.UserID, externalUserId: f.ExternalUserID } };
    return {};
  }
  if (cb.event === 'change_external_chat' && f.ChatId) {
    if (cb.changeType === 'create') return { group: { chatId: f.ChatId } };
    if (cb.changeType === 'update') {
      if (GROUP_DETAILS.has(f.UpdateDetail ?? '')) return { group: { chatId: f.ChatId } };
      if ((f.UpdateDetail === 'add_member' || f.UpdateDetail === 'del_member') && cb.memChangeList.length > 0)
        return { memberTypes: [...new Set(cb.memChangeList)] };
    }
  }
  return {};
}

// Without a lookup, guess a member's type from the id's shape: WeCom's external_userid values
// start with "wm" or "wo" (客户联系 "外部联系人 external_userid"); staff userids are the corp's own.
function guessMemberType(id: string): 'customer' | 'staff' {
  return /^w[mo][A-Za-z0-9_-]{10,}$/.test(id) ? 'customer' : 'staff';
}

const MEMBERS_PER_EVENT = 500; // ZChannelEvent's cap on members in one join/leave event

function intIn(raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) return fallback;
  const n = Number(raw);
  return n >= min && n <= max ? n : fallback;
}

/**
 * Maps a decrypted callback to Pond's channel events (pure). Returns `[]` for callbacks Pond does
 * not act on (transfer_fail, messages, unknown events, a group created with no owner known).
 * Missing lookups (`null`) still give valid events: a customer's name falls back to the external
 * user id, a group's name to '' and its owner to the callback's own, if any.
 * @example
 * toChannelEvents(parseCallback(addXml), { customer: { name: '张三' } });
 * // [{ type: 'customer.added', at: '2014-06-24T11:48:33.000Z', staffUserId: 'zhangsan', externalUserId: 'wmX',
 * //    state: 'teststate', welcomeCode: 'WELCOMECODE', customer: { name: '张三' } }]
 */
export function toChannelEvents(cb: TWecomCallback, lookups: TCallbackLookups = {}): TChannelEvent[] {
  const f = cb.fields;
  const at = new Date(cb.createTime * 1000).toISOString();
  const staffUserId = f.UserID ?? '';
  const externalUserId = f.ExternalUserID ?? '';
  const chatId = f.ChatId ?? '';

  if (cb.event === 'change_external_contact') {
    if (!staffUserId || !externalUserId) return [];
    switch (cb.changeType) {
      case 'add_external_contact':
      case 'add_half_external_contact': {
        const found = lookups.customer ?? null;
        const customer: Extract<TChannelEvent, { type: 'customer.added' }>['customer'] = {
          name: (found?.name.trim() || externalUserId).slice(0, 128),
        };
        if (found?.avatar && found.avatar.length <= 2048) customer.avatar = found.avatar;
        if (found?.gender !== undefined && Number.isInteger(found.gender) && found.gender >= 0 && found.gender <= 2)
          customer.gender = found.gender;
        if (found?.unionId) customer.unionId = found.unionId;
        const event: Extract<TChannelEvent, { type: 'customer.added' }> = {
          type: 'customer.added',
          at,
          staffUserId,
          externalUserId,
          customer,
        };
        // A state longer than WeCom's 30-character limit cannot come from Pond's contact ways.
        if (f.State && f.State.length <= CONTACT_WAY_LIMITS.stateMax) event.state = f.State;
        if (f.WelcomeCode) event.welcomeCode = f.WelcomeCode;
        return [event];
      }
      case 'edit_external_contact': {
        const event: Extract<TChannelEvent, { type: 'customer.updated' }> = {
          type: 'customer.updated',
          at,
          staffUserId,
          externalUserId,
        };
        const remark = lookups.customer?.remark;
        if (remark !== undefined) event.remark = remark.slice(0, 128);
        return [event];
      }
      case 'del_external_contact':
        return [{ type: 'staff.deleted_customer', at, staffUserId, externalUserId }];
      case 'del_follow_user':
        return [{ type: 'customer.deleted_staff', at, staffUserId, externalUserId }];
      default:
        // transfer_fail (FailReason customer_refused / customer_limit_exceed): the follow stays as
        // it was; the transfer job reads the result through transfer_result.
        return [];
    }
  }

  if (cb.event === 'change_external_chat') {
    if (!chatId) return [];
    const group = lookups.group ?? null;
    switch (cb.changeType) {
      case 'create': {
        const ownerUserId = group?.ownerUserId || f.Owner || '';
        if (!ownerUserId) return [];
        const event: Extract<TChannelEvent, { type: 'group.created' }> = {
          type: 'group.created',
          at,
          chatId,
          name: (group?.name ?? '').slice(0, 128),
          ownerUserId,
        };
        if (group?.memberCap !== undefined && Number.isInteger(group.memberCap) && group.memberCap > 0)
          event.memberCap = group.memberCap;
        return [event];
      }
      case 'dismiss':
        return [{ type: 'group.dismissed', at, chatId }];
      case 'update':
        return groupUpdate(cb, at, chatId, group, lookups.memberTypes ?? {});
      default:
        return [];
    }
  }

  if (cb.event === 'change_external_tag') {
    const change = cb.changeType;
    if (change !== 'create' && change !== 'update' && change !== 'delete' && change !== 'shuffle') return [];
    // shuffle names the tag group reordered; an empty Id means every group was reordered ('*').
    const tagType = change === 'shuffle' ? 'tag_group' : f.TagType === 'tag_group' ? 'tag_group' : 'tag';
    const externalId = f.Id || (change === 'shuffle' ? '*' : '');
    if (!externalId) return [];
    return [{ type: 'tag.changed', at, change, tagType, externalId }];
  }

  return [];
}

function groupUpdate(
  cb: TWecomCallback,
  at: string,
  chatId: string,
  group: TCallbackLookups['group'] | null,
  memberTypes: Record<string, 'customer' | 'staff'>,
): TChannelEvent[] {
  const f = cb.fields;
  switch (f.UpdateDetail) {
    case 'add_member':
    case 'del_member': {
      const ids = [...new Set(cb.memChangeList)];
      // Older callbacks carry only MemChangeCnt: nothing to map; the nightly reconcile catches up.
      if (ids.length === 0) return [];
      const members = ids.map((id) => ({ id, type: memberTypes[id] ?? guessMemberType(id) }));
      const events: TChannelEvent[] = [];
      for (let i = 0; i < members.length; i += MEMBERS_PER_EVENT) {
        const chunk = members.slice(i, i + MEMBERS_PER_EVENT);
        if (f.UpdateDetail === 'add_member') {
          // JoinScene: 0 invited by a member (directly or by link), 3 scanned the group QR code.
          const event: Extract<TChannelEvent, { type: 'group.member_joined' }> = {
            type: 'group.member_joined',
            at,
            chatId,
            members: chunk,
            joinScene: intIn(f.JoinScene, 0, 3, 3),
          };
          if (f.State && f.State.length <= CONTACT_WAY_LIMITS.stateMax) event.state = f.State;
          events.push(event);
        } else {
          // QuitScene: 0 left by themselves, 1 removed by the owner or an admin.
          events.push({ type: 'group.member_left', at, chatId, members: chunk, quitScene: intIn(f.QuitScene, 0, 1, 0) });
        }
      }
      return events;
    }
    case 'change_owner': {
      const ownerUserId = group?.ownerUserId || f.Owner || '';
      return [ownerUserId ? { type: 'group.updated', at, chatId, ownerUserId } : { type: 'group.updated', at, chatId }];
    }
    case 'change_name':
      return [
        group ? { type: 'group.updated', at, chatId, name: group.name.slice(0, 128) } : { type: 'group.updated', at, chatId },
      ];
    case 'change_notice':
      return [
        group?.notice !== undefined
          ? { type: 'group.updated', at, chatId, notice: group.notice.slice(0, 2000) }
          : { type: 'group.updated', at, chatId },
      ];
    default:
      return [];
  }
}
