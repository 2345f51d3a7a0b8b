import { z } from 'zod';
import { ZCursor } from './common.ts';

/**
 * Staff, customers, follows, tags, statistics. Documents:
 * user/get https://developer.work.weixin.qq.com/document/path/90196 ·
 * get_follow_user_list /92571 · externalcontact/list /92113 · externalcontact/get /92114 ·
 * batch/get_by_user /92994 (userid_list ≤ 100, limit ≤ 100) · remark /92115 (remark ≤ 20 chars) ·
 * corp tags /92117 · mark_tag /92118 · get_user_behavior_data /92132 (≤ 30 days, within 180 days).
 */

// ---------- user/get ----------
export const ZUserGetRequest = z.looseObject({ userid: z.string().min(1).max(64) });
export const ZUserGetResponse = z.looseObject({
  userid: z.string(),
  name: z.string().optional(),
  department: z.array(z.number()).optional(),
  status: z.number().optional(), // 1 active, 2 disabled, 4 not yet activated, 5 left
});

// ---------- get_follow_user_list ----------
export const ZFollowUserListResponse = z.looseObject({ follow_user: z.array(z.string()).default([]) });

// ---------- externalcontact/list ----------
export const ZExternalListRequest = z.looseObject({ userid: z.string().min(1) });
export const ZExternalListResponse = z.looseObject({ external_userid: z.array(z.string()).default([]) });

// ---------- externalcontact/get ----------
const ZExternalContact = z.looseObject({
  external_userid: z.string(),
  name: z.string(),
  type: z.number().optional(), // 1 WeChat user, 2 WeCom user
  avatar: z.string().optional(),
  gender: z.number().optional(), // 0 unknown, 1 male, 2 female
  unionid: z.string().optional(),
  corp_name: z.string().optional(),
});
const ZFollowTag = z.looseObject({
  group_name: z.string().optional(),
  tag_name: z.string().optional(),
  tag_id: z.string().optional(),
  type: z.number().optional(), // 1 corp tag, 2 personal tag, 3 rule-group tag
});
const ZFollowUser = z.looseObject({
  userid: z.string(),
  remark: z.string().optional(),
  description: z.string().optional(),
  createtime: z.number().optional(),
  tags: z.array(ZFollowTag).optional(),
  state: z.string().optional(),
  add_way: z.number().optional(),
  oper_userid: z.string().optional(),
});
export const ZExternalGetRequest = z.looseObject({ external_userid: z.string().min(1), cursor: ZCursor });
export const ZExternalGetResponse = z.looseObject({
  external_contact: ZExternalContact,
  follow_user: z.array(ZFollowUser).default([]),
  next_cursor: z.string().optional(),
});

// ---------- batch/get_by_user ----------
export const ZBatchGetByUserRequest = z.looseObject({
  userid_list: z.array(z.string().min(1)).min(1).max(100, 'userid_list takes at most 100 staff (batch/get_by_user)'),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(100).optional(),
});
export const ZBatchGetByUserResponse = z.looseObject({
  external_contact_list: z
    .array(
      z.looseObject({
        external_contact: ZExternalContact,
        follow_info: z.looseObject({
          userid: z.string(),
          remark: z.string().optional(),
          description: z.string().optional(),
          createtime: z.number().optional(),
          tag_id: z.array(z.string()).optional(),
          state: z.string().optional(),
          add_way: z.number().optional(),
        }),
      }),
    )
    .default([]),
  next_cursor: z.string().optional(),
  fail_info: z.looseObject({}).optional(),
});

// ---------- remark ----------
export const ZRemarkRequest = z.looseObject({
  userid: z.string().min(1),
  external_userid: z.string().min(1),
  remark: z.string().max(20, 'a remark is at most 20 characters (externalcontact/remark)').optional(),
  description: z.string().max(150).optional(),
  remark_company: z.string().max(20).optional(),
  remark_mobiles: z.array(z.string()).optional(),
  remark_pic_mediaid: z.string().optional(),
});

// ---------- corp tags ----------
const ZTag = z.looseObject({
  id: z.string(),
  name: z.string(),
  create_time: z.number().optional(),
  order: z.number().optional(),
  deleted: z.boolean().optional(),
});
const ZTagGroup = z.looseObject({
  group_id: z.string(),
  group_name: z.string(),
  create_time: z.number().optional(),
  order: z.number().optional(),
  deleted: z.boolean().optional(),
  tag: z.array(ZTag).default([]),
});
export const ZGetCorpTagListRequest = z.looseObject({
  tag_id: z.array(z.string()).optional(),
  group_id: z.array(z.string()).optional(),
});
export const ZGetCorpTagListResponse = z.looseObject({ tag_group: z.array(ZTagGroup).default([]) });
export const ZAddCorpTagRequest = z.looseObject({
  group_id: z.string().optional(),
  group_name: z.string().max(30).optional(),
  order: z.number().int().optional(),
  tag: z.array(z.looseObject({ name: z.string().min(1).max(30), order: z.number().int().optional() })).min(1),
  agentid: z.number().int().optional(),
});
export const ZAddCorpTagResponse = z.looseObject({ tag_group: ZTagGroup });
export const ZEditCorpTagRequest = z.looseObject({
  id: z.string().min(1),
  name: z.string().max(30).optional(),
  order: z.number().int().optional(),
  agentid: z.number().int().optional(),
});
export const ZDelCorpTagRequest = z
  .looseObject({
    tag_id: z.array(z.string()).optional(),
    group_id: z.array(z.string()).optional(),
    agentid: z.number().int().optional(),
  })
  .refine((r) => (r.tag_id?.length ?? 0) + (r.group_id?.length ?? 0) > 0, 'del_corp_tag needs tag_id or group_id');
export const ZMarkTagRequest = z
  .looseObject({
    userid: z.string().min(1),
    external_userid: z.string().min(1),
    add_tag: z.array(z.string()).optional(),
    remove_tag: z.array(z.string()).optional(),
  })
  .refine((r) => (r.add_tag?.length ?? 0) + (r.remove_tag?.length ?? 0) > 0, 'mark_tag needs add_tag or remove_tag');

// ---------- get_user_behavior_data ----------
export const ZUserBehaviorRequest = z
  .looseObject({
    userid: z.array(z.string()).max(100).optional(),
    partyid: z.array(z.number()).max(100).optional(),
    start_time: z.number().int(),
    end_time: z.number().int(),
  })
  .refine((r) => r.end_time >= r.start_time && r.end_time - r.start_time <= 30 * 86_400, 'the span is at most 30 days')
  .refine((r) => (r.userid?.length ?? 0) + (r.partyid?.length ?? 0) > 0, 'get_user_behavior_data needs userid or partyid');
export const ZUserBehaviorResponse = z.looseObject({
  behavior_data: z
    .array(
      z.looseObject({
        stat_time: z.number(),
        chat_cnt: z.number().optional(),
        message_cnt: z.number().optional(),
        reply_percentage: z.number().optional(),
        avg_reply_time: z.number().optional(),
        negative_feedback_cnt: z.number().optional(),
        new_apply_cnt: z.number().optional(),
        new_contact_cnt: z.number().optional(),
      }),
    )
    .default([]),
});
