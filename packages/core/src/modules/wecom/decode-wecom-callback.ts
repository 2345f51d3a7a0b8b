import { ChannelError, type TChannelEvent } from '@pond/channels';
import { callbackNeeds, type TCallbackLookups, type TWecomCallback, toChannelEvents } from '@pond/channels/wecom/callback';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import { wecomClientFor } from './wecom-client-for.ts';

type TGroupMember = { userid?: unknown; type?: unknown };
type TGroupLookup = NonNullable<TCallbackLookups['group']> & { members: TGroupMember[] };

// A customer or group WeCom no longer has is still mapped (with lookup null); busy → rethrow (retry).
async function orNullWhenGone<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ChannelError && (error.code === 'NOT_FOUND' || error.code === 'NOT_FRIEND')) return null;
    throw error;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function asCallback(payload: Record<string, unknown>): TWecomCallback {
  if (typeof payload.fields !== 'object' || payload.fields === null || !Array.isArray(payload.memChangeList))
    throw new AppError('VALIDATION', 'The stored WeCom callback has no fields: it was not stored by the callback route.');
  return payload as unknown as TWecomCallback;
}

/**
 * The inbox decoder of channel `wecom`: turns a stored callback into channel events. Asks
 * `callbackNeeds` what the callback lacks, then fetches it — the customer (externalcontact/get:
 * name, avatar, gender, unionid, and the remark of the follow with that staff member), the group
 * (groupchat/get), and member types (Pond's own staff first, then the group's member list:
 * type 1 = 企业成员, 2 = 外部联系人, per 获取客户群详情 developer.work.weixin.qq.com/document/path/92707).
 * Runs outside any transaction; a busy WeCom throws and the inbox retries.
 * @example
 * registerInboxDecoder('wecom', decodeWecomCallback);
 */
export async function decodeWecomCallback(ctx: Ctx, payload: Record<string, unknown>): Promise<TChannelEvent[]> {
  const cb = asCallback(payload);
  const needs = callbackNeeds(cb);
  const lookups: TCallbackLookups = {};
  if (!needs.customer && !needs.group && !needs.memberTypes?.length) return toChannelEvents(cb, lookups);
  const client = await wecomClientFor(ctx, ctx.actor.tenantId);

  if (needs.customer) {
    const { staffUserId, externalUserId } = needs.customer;
    lookups.customer = await orNullWhenGone(async () => {
      const res = (await client.externalcontact.get({ external_userid: externalUserId })) as {
        external_contact?: Record<string, unknown>;
        follow_user?: Record<string, unknown>[];
      };
      const c = res.external_contact ?? {};
      const follow = (res.follow_user ?? []).find((f) => f.userid === staffUserId);
      return {
        name: str(c.name) ?? externalUserId,
        avatar: str(c.avatar),
        gender: num(c.gender),
        unionId: str(c.unionid),
        remark: str(follow?.remark),
      };
    });
  }

  let group: TGroupLookup | null | undefined;
  if (needs.group) {
    const { chatId } = needs.group;
    group = await orNullWhenGone(async () => {
      const res = (await client.externalcontact.groupchat.get({ chat_id: chatId, need_name: 1 })) as {
        group_chat?: Record<string, unknown>;
      };
      const g = res.group_chat ?? {};
      return {
        name: str(g.name) ?? '',
        ownerUserId: str(g.owner) ?? '',
        notice: str(g.notice),
        memberCap: num(g.member_cap),
        members: Array.isArray(g.member_list) ? (g.member_list as TGroupMember[]) : [],
      };
    });
    lookups.group = group
      ? { name: group.name, ownerUserId: group.ownerUserId, notice: group.notice, memberCap: group.memberCap }
      : null;
  }

  if (needs.memberTypes?.length) {
    const types: Record<string, 'customer' | 'staff'> = {};
    for (const id of needs.memberTypes) {
      if (await getStaffByWecomUserId(ctx, id)) {
        types[id] = 'staff';
        continue;
      }
      const member = group?.members.find((m) => m.userid === id);
      if (member?.type === 1) types[id] = 'staff';
      else if (member?.type === 2) types[id] = 'customer';
      // Left the group (not in its list any more) and not Pond staff: an external userid starts
      // with wm/wo (客户联系 "external_userid"), anything else is a member of the corp.
      else types[id] = /^w[mo]/.test(id) ? 'customer' : 'staff';
    }
    lookups.memberTypes = types;
  }
  return toChannelEvents(cb, lookups);
}
