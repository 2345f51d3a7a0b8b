import type { Ctx } from '../../../context.ts';
import { wecomClientFor } from '../wecom-client-for.ts';

// The part of the WeCom client (contract 3) the sync and the statistics use, with the documented
// response fields they read. Everything else WeCom returns is kept by the client and ignored here.

/** user/get — https://developer.work.weixin.qq.com/document/path/90196 (读取成员) */
export type TWecomUser = { userid: string; name?: string; avatar?: string; mobile?: string; status?: number };

/** One entry of batch/get_by_user — https://developer.work.weixin.qq.com/document/path/92994 */
export type TWecomBatchContact = {
  external_contact: {
    external_userid: string;
    name?: string;
    avatar?: string;
    gender?: number;
    unionid?: string;
  };
  follow_info: {
    userid: string;
    remark?: string;
    description?: string;
    createtime?: number;
    tag_id?: string[];
    state?: string;
  };
};

/** get_corp_tag_list — https://developer.work.weixin.qq.com/document/path/92117 (获取企业标签库) */
export type TWecomTagGroup = {
  group_id: string;
  group_name: string;
  order?: number;
  deleted?: boolean;
  tag?: { id: string; name: string; order?: number; deleted?: boolean }[];
};

/** groupchat/get — https://developer.work.weixin.qq.com/document/path/92122 (获取客户群详情) */
export type TWecomGroupChat = {
  chat_id: string;
  name?: string;
  owner: string;
  create_time?: number;
  notice?: string;
  member_list?: {
    userid: string;
    // 1 staff (企业成员), 2 external contact (外部联系人)
    type: number;
    join_time?: number;
    // 1 invited directly, 2 invite link, 3 QR code
    join_scene?: number;
    invitor?: { userid?: string };
    name?: string;
  }[];
};

/** get_user_behavior_data — https://developer.work.weixin.qq.com/document/path/92132 (获取「联系客户统计」数据) */
export type TWecomBehaviorData = {
  stat_time: number;
  chat_cnt?: number;
  message_cnt?: number;
  reply_percentage?: number;
  avg_reply_time?: number;
  negative_feedback_cnt?: number;
  new_apply_cnt?: number;
  new_contact_cnt?: number;
};

/** groupchat/statistic — https://developer.work.weixin.qq.com/document/path/92133 (获取「群聊数据统计」数据) */
export type TWecomGroupStatItem = {
  owner: string;
  data: {
    new_chat_cnt?: number;
    chat_total?: number;
    chat_has_msg?: number;
    new_member_cnt?: number;
    member_total?: number;
    member_has_msg?: number;
    msg_total?: number;
  };
};

export type TWecomSyncApi = {
  user: { get: (body: { userid: string }) => Promise<TWecomUser> };
  externalcontact: {
    getFollowUserList: () => Promise<{ follow_user?: string[] }>;
    list: (body: { userid: string }) => Promise<{ external_userid?: string[] }>;
    batchGetByUser: (body: {
      userid_list: string[];
      cursor?: string;
      limit?: number;
    }) => Promise<{ external_contact_list?: TWecomBatchContact[]; next_cursor?: string }>;
    getCorpTagList: (body: { tag_id?: string[]; group_id?: string[] }) => Promise<{ tag_group?: TWecomTagGroup[] }>;
    getUserBehaviorData: (body: {
      userid?: string[];
      start_time: number;
      end_time: number;
    }) => Promise<{ behavior_data?: TWecomBehaviorData[] }>;
    groupchat: {
      list: (body: {
        status_filter?: number;
        cursor?: string;
        limit: number;
      }) => Promise<{ group_chat_list?: { chat_id: string; status?: number }[]; next_cursor?: string }>;
      get: (body: { chat_id: string; need_name?: 0 | 1 }) => Promise<{ group_chat: TWecomGroupChat }>;
      statistic: (body: {
        day_begin_time: number;
        day_end_time?: number;
        owner_filter: { userid_list: string[] };
        offset?: number;
        limit?: number;
      }) => Promise<{ total?: number; next_offset?: number; items?: TWecomGroupStatItem[] }>;
    };
  };
};

/**
 * The tenant's WeCom client, seen through the calls the sync and the statistics make.
 * @example
 * const api = await wecomSyncApiFor(ctx);
 * const { follow_user } = await api.externalcontact.getFollowUserList();
 */
export async function wecomSyncApiFor(ctx: Ctx): Promise<TWecomSyncApi> {
  const client: TWecomSyncApi = await wecomClientFor(ctx, ctx.actor.tenantId);
  return client;
}
