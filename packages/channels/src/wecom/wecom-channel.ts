import {
  type Channel,
  ChannelError,
  REMARK_MAX,
  type TMassTaskStatus,
  type TMessageContent,
  type TMomentTaskResult,
} from '../channel.ts';
import { checkMomentInput, checkWayInput, parseContent } from '../channel-input.ts';
import type { WecomClient } from './api/client.ts';
import { type TMediaResolver, toMomentMessage, toWecomMessage } from './api/content.ts';
import { WecomApiError } from './api/errors.ts';
import { fetchMediaBytes, MEDIA_MAX_BYTES } from './api/fetch-media.ts';

/**
 * The `wecom` channel: the `Channel` interface carried out through WeCom's server API, with the
 * simulator's semantics (simulator-channel.ts). Calls produce no callback on WeCom's side: Pond
 * records its own writes, as it does with the simulator.
 *
 * Retries and idempotency. WeCom has no idempotency key. Within this process, a repeated
 * `idempotencyKey` returns the first result without calling WeCom again (a bounded memo). Across
 * restarts, each call's note says what a repeat does on WeCom:
 * - sendWelcome: a repeat after success gets 41051 → WELCOME_CODE_USED (the caller may treat it as
 *   success); after 20 s → WELCOME_CODE_EXPIRED.
 * - sendPrivateMessage / sendGroupMessage / createMassTask: a repeat creates a second task, which
 *   the staff member sees twice; customers over their monthly cap are skipped by WeCom (status 3).
 * - markTags / setRemark / update*Way / delete*Way: safe to repeat (same end state).
 * - createContactWay / createJoinWay / createMomentTask: a repeat creates a second way / task.
 */

/** What the channel must read from Pond's own records. */
export type WecomWorld = {
  /** The owner (staff userid) of a customer group, or null when Pond knows no such active group. */
  groupOwner: (tenantId: number, chatId: string) => Promise<string | null>;
};

export type CreateWecomChannelOptions = {
  client: WecomClient;
  /** When set, the channel serves only this tenant (a client is per corp): other tenant ids are refused. */
  tenantId?: number;
  world: WecomWorld;
  /** Downloads attachment bytes; default `fetchMediaBytes` (override in tests). */
  fetchMedia?: typeof fetchMediaBytes;
};

// add_msg_template: ≤ 10,000 customers or ≤ 2,000 groups per task (https://developer.work.weixin.qq.com/document/path/92135).
const MASS_TASK_MAX = { single: 10_000, group: 2000 } as const;
// Pages of get_groupmsg_task / get_groupmsg_send_result / get_moment_task (limit ≤ 1000).
const PAGE = 1000;
// Moments ids handed to callers: `job:<jobid>` until WeCom has made the task (see getMomentTaskResult).
const JOB_PREFIX = 'job:';
const MEMO_MAX = 1000;

/**
 * A mass task's overall state from the staff members' statuses (pure). get_groupmsg_task status:
 * 0 not sent yet, 2 sent. WeCom never says "will never be sent", so 'never' is not produced here.
 * @example
 * massTaskState([{ status: 2 }, { status: 0 }]) // 'waiting'
 */
export function massTaskState(tasks: readonly { status: number }[]): TMassTaskStatus['state'] {
  return tasks.length > 0 && tasks.every((t) => t.status === 2) ? 'sent' : 'waiting';
}

/**
 * The WeCom channel for a client (one corp).
 * @example
 * const channel = createWecomChannel({ client: createWecomClient({ corpId, secret }), world: { groupOwner } });
 * await channel.markTags({ tenantId, staffUserId: 'zhangsan', externalUserId: 'wm…', addTagIds: ['et…'], removeTagIds: [] });
 */
export function createWecomChannel(options: CreateWecomChannelOptions): Channel & { readonly kind: 'wecom' } {
  const { client, world } = options;
  const ec = client.externalcontact;
  const fetchMedia = options.fetchMedia ?? fetchMediaBytes;
  const memo = new Map<string, Promise<unknown>>();

  function checkTenant(tenantId: number) {
    if (options.tenantId !== undefined && tenantId !== options.tenantId)
      throw new ChannelError('INVALID', `This WeCom channel serves tenant ${options.tenantId}, not ${tenantId}.`);
  }

  // A repeated key within this process returns the first call's result (or error) without calling again.
  function once<T>(method: string, key: string | undefined, fn: () => Promise<T>): Promise<T> {
    if (!key) return fn();
    const k = `${method}:${key}`;
    const hit = memo.get(k);
    if (hit) return hit as Promise<T>;
    const p = fn();
    // A failed call may be retried with the same key.
    p.catch(() => memo.delete(k));
    memo.set(k, p);
    if (memo.size > MEMO_MAX) {
      const oldest = memo.keys().next().value;
      if (oldest !== undefined) memo.delete(oldest);
    }
    return p;
  }

  const messageMedia: TMediaResolver = async (kind, url, name) => {
    const media = await fetchMedia(url, { maxBytes: MEDIA_MAX_BYTES[kind], filename: name });
    return (await client.media.upload({ type: kind, ...media })).media_id;
  };
  const momentMedia: TMediaResolver = async (kind, url, name) => {
    const media = await fetchMedia(url, { maxBytes: MEDIA_MAX_BYTES[kind], filename: name });
    return (await client.media.uploadAttachment({ media_type: kind, attachment_type: 1, ...media })).media_id;
  };

  async function createTemplate(input: {
    chatType: 'single' | 'group';
    sender: string;
    targets: string[];
    content: TMessageContent;
  }): Promise<{ msgId: string; failList: string[] }> {
    const message = await toWecomMessage(parseContent(input.content), messageMedia);
    const res = await ec.addMsgTemplate({
      chat_type: input.chatType,
      sender: input.sender,
      ...(input.chatType === 'single' ? { external_userid: input.targets } : { chat_id_list: input.targets }),
      ...message,
    });
    return { msgId: res.msgid, failList: res.fail_list };
  }

  // Deleting a way that is already gone succeeds. WeCom answers an unknown config_id with 40058
  // ("invalid parameter") — config_id is the only parameter of del_contact_way / del_join_way.
  async function ignoreGone(fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (error) {
      if (error instanceof ChannelError && error.code === 'NOT_FOUND') return;
      if (error instanceof WecomApiError && error.vendorCode === 40058) return;
      throw error;
    }
  }

  return {
    kind: 'wecom',

    // send_welcome_msg (https://developer.work.weixin.qq.com/document/path/92137): 20 s, once.
    async sendWelcome({ tenantId, welcomeCode, content, idempotencyKey }) {
      checkTenant(tenantId);
      const parsed = parseContent(content);
      await once('sendWelcome', idempotencyKey, async () => {
        const message = await toWecomMessage(parsed, messageMedia);
        await ec.sendWelcomeMsg({ welcome_code: welcomeCode, ...message });
      });
    },

    // No direct send API: a one-recipient add_msg_template the staff member confirms in their app.
    async sendPrivateMessage({ tenantId, staffUserId, externalUserId, content, idempotencyKey }) {
      checkTenant(tenantId);
      return once('sendPrivateMessage', idempotencyKey, async () => {
        let created: { msgId: string; failList: string[] };
        try {
          created = await createTemplate({ chatType: 'single', sender: staffUserId, targets: [externalUserId], content });
        } catch (error) {
          // 41048: no target can be reached — with one customer, they are not a friend of the sender.
          if (error instanceof WecomApiError && error.vendorCode === 41048)
            throw new WecomApiError(
              'NOT_FRIEND',
              `Customer ${externalUserId} is not a friend of ${staffUserId}; the message was not queued.`,
              {
                vendorCode: 41048,
                path: error.path,
              },
            );
          throw error;
        }
        const { msgId, failList } = created;
        // fail_list: customers the task cannot reach (not a friend of the sender).
        if (failList.includes(externalUserId))
          throw new ChannelError(
            'NOT_FRIEND',
            `Customer ${externalUserId} is not a friend of ${staffUserId}; the message was not queued.`,
          );
        return { msgId };
      });
    },

    // A group mass task sent by the group's owner (only the owner can send a mass task to a group).
    async sendGroupMessage({ tenantId, chatId, content, idempotencyKey }) {
      checkTenant(tenantId);
      const owner = await world.groupOwner(tenantId, chatId);
      if (!owner) throw new ChannelError('NOT_FOUND', `Customer group ${chatId} does not exist or was dismissed.`);
      return once('sendGroupMessage', idempotencyKey, async () => {
        const { msgId } = await createTemplate({ chatType: 'group', sender: owner, targets: [chatId], content });
        return { msgId };
      });
    },

    async createMassTask({ tenantId, chatType, staffUserId, targets, content, idempotencyKey }) {
      checkTenant(tenantId);
      if (targets.length === 0) throw new ChannelError('INVALID', 'A mass task needs at least one target.');
      const max = MASS_TASK_MAX[chatType];
      if (targets.length > max)
        throw new ChannelError(
          'INVALID',
          `A mass task to ${chatType === 'single' ? 'customers' : 'groups'} takes at most ${max} targets.`,
        );
      return once('createMassTask', idempotencyKey, async () => {
        const { msgId } = await createTemplate({ chatType, sender: staffUserId, targets: [...new Set(targets)], content });
        return { msgId };
      });
    },

    // get_groupmsg_task (who confirmed) + get_groupmsg_send_result per staff member (per target status).
    async getMassTaskResult({ tenantId, msgId }) {
      checkTenant(tenantId);
      const tasks: { userid: string; status: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = await ec.getGroupmsgTask({ msgid: msgId, limit: PAGE, ...(cursor ? { cursor } : {}) });
        tasks.push(...page.task_list);
        cursor = page.next_cursor || undefined;
      } while (cursor);
      const results: TMassTaskStatus['results'] = [];
      for (const task of tasks) {
        let c: string | undefined;
        do {
          const page = await ec.getGroupmsgSendResult({
            msgid: msgId,
            userid: task.userid,
            limit: PAGE,
            ...(c ? { cursor: c } : {}),
          });
          for (const r of page.send_list) {
            const target = r.external_userid || r.chat_id;
            if (!target) continue;
            const status = r.status === 1 || r.status === 2 || r.status === 3 ? r.status : 0;
            results.push({ target, status });
          }
          c = page.next_cursor || undefined;
        } while (c);
      }
      return { msgId, state: massTaskState(tasks), results };
    },

    // mark_tag: same end state when repeated.
    async markTags({ tenantId, staffUserId, externalUserId, addTagIds, removeTagIds }) {
      checkTenant(tenantId);
      if (addTagIds.length === 0 && removeTagIds.length === 0) return;
      await ec.markTag({
        userid: staffUserId,
        external_userid: externalUserId,
        ...(addTagIds.length ? { add_tag: addTagIds } : {}),
        ...(removeTagIds.length ? { remove_tag: removeTagIds } : {}),
      });
    },

    async createGroup() {
      throw new ChannelError(
        'INVALID',
        'WeCom has no API to create a customer group: ask the owner to create it in the WeCom app; Pond picks it up from the create callback (or the next import).',
      );
    },

    async updateGroup() {
      throw new ChannelError(
        'INVALID',
        'WeCom has no API to rename a customer group or change its notice or owner: the owner changes it in the WeCom app (owner changes go through transfers); Pond picks it up from the update callback.',
      );
    },

    // externalcontact/remark: same end state when repeated.
    async setRemark({ tenantId, staffUserId, externalUserId, remark }) {
      checkTenant(tenantId);
      if (remark.length > REMARK_MAX) throw new ChannelError('INVALID', `A remark is at most ${REMARK_MAX} characters.`);
      await ec.remark({ userid: staffUserId, external_userid: externalUserId, remark });
    },

    // add_contact_way, scene 2 (QR code): type 1 for one staff member, 2 for several.
    async createContactWay({ tenantId, state, staffUserIds, skipVerify, idempotencyKey }) {
      checkTenant(tenantId);
      checkWayInput('contact', state, staffUserIds);
      return once('createContactWay', idempotencyKey, async () => {
        const res = await ec.addContactWay({
          type: staffUserIds.length === 1 ? 1 : 2,
          scene: 2,
          state,
          user: staffUserIds,
          skip_verify: skipVerify ?? true,
        });
        const qrCode = res.qr_code ?? (await ec.getContactWay({ config_id: res.config_id })).contact_way.qr_code;
        if (!qrCode)
          throw new ChannelError('UNAVAILABLE', `WeCom created contact way ${res.config_id} without a QR code; retry the read.`);
        return { configId: res.config_id, qrCode };
      });
    },

    async updateContactWay({ tenantId, configId, staffUserIds }) {
      checkTenant(tenantId);
      checkWayInput('contact', undefined, staffUserIds);
      await ec.updateContactWay({ config_id: configId, user: staffUserIds });
    },

    async deleteContactWay({ tenantId, configId }) {
      checkTenant(tenantId);
      await ignoreGone(() => ec.delContactWay({ config_id: configId }));
    },

    // groupchat/add_join_way returns only config_id; the QR code comes from get_join_way.
    async createJoinWay({ tenantId, state, chatIds, idempotencyKey }) {
      checkTenant(tenantId);
      checkWayInput('join', state, chatIds);
      return once('createJoinWay', idempotencyKey, async () => {
        const { config_id } = await ec.groupchat.addJoinWay({ scene: 2, chat_id_list: chatIds, state, auto_create_room: 0 });
        const way = await ec.groupchat.getJoinWay({ config_id });
        if (!way.join_way.qr_code)
          throw new ChannelError('UNAVAILABLE', `WeCom created join way ${config_id} without a QR code; retry the read.`);
        return { configId: config_id, qrCode: way.join_way.qr_code };
      });
    },

    // update_join_way overwrites every field: read the way first to keep its scene and state.
    async updateJoinWay({ tenantId, configId, chatIds }) {
      checkTenant(tenantId);
      checkWayInput('join', undefined, chatIds);
      const { join_way } = await ec.groupchat.getJoinWay({ config_id: configId });
      await ec.groupchat.updateJoinWay({
        config_id: configId,
        scene: join_way.scene === 1 ? 1 : 2,
        chat_id_list: chatIds,
        ...(join_way.state ? { state: join_way.state } : {}),
        ...(join_way.remark ? { remark: join_way.remark } : {}),
        ...(join_way.auto_create_room === 1 ? { auto_create_room: 1 as const } : {}),
        ...(join_way.room_base_name ? { room_base_name: join_way.room_base_name } : {}),
        ...(join_way.room_base_id !== undefined ? { room_base_id: join_way.room_base_id } : {}),
      });
    },

    async deleteJoinWay({ tenantId, configId }) {
      checkTenant(tenantId);
      await ignoreGone(() => ec.groupchat.delJoinWay({ config_id: configId }));
    },

    // add_moment_task is asynchronous: the id returned is `job:<jobid>`, resolved by getMomentTaskResult.
    async createMomentTask({ tenantId, staffUserIds, content, idempotencyKey }) {
      checkTenant(tenantId);
      const { parsed, userIds } = checkMomentInput(content, staffUserIds);
      return once('createMomentTask', idempotencyKey, async () => {
        const message = await toMomentMessage(parsed, momentMedia);
        const { jobid } = await ec.addMomentTask({ ...message, visible_range: { sender_list: { user_list: userIds } } });
        return { momentId: `${JOB_PREFIX}${jobid}` };
      });
    },

    // jobid → get_moment_task_result (status 1/2 creating, 3 done with moment_id or an errcode) →
    // get_moment_task (publish_status per staff member). A plain moment_id is read directly.
    async getMomentTaskResult({ tenantId, momentId }): Promise<TMomentTaskResult> {
      checkTenant(tenantId);
      let wecomMomentId = momentId;
      if (momentId.startsWith(JOB_PREFIX)) {
        const job = await ec.getMomentTaskResult({ jobid: momentId.slice(JOB_PREFIX.length) });
        if (job.status !== 3) return { momentId, state: 'creating', staff: [] };
        const errcode = job.result?.errcode ?? 0;
        if (errcode !== 0 || !job.result?.moment_id) return { momentId, state: 'failed', staff: [] };
        wecomMomentId = job.result.moment_id;
      }
      const staff: TMomentTaskResult['staff'] = [];
      let cursor: string | undefined;
      do {
        const page = await ec.getMomentTask({ moment_id: wecomMomentId, limit: PAGE, ...(cursor ? { cursor } : {}) });
        for (const t of page.task_list) staff.push({ userId: t.userid, published: t.publish_status === 1 });
        cursor = page.next_cursor || undefined;
      } while (cursor);
      return { momentId, state: 'created', staff };
    },
  };
}
