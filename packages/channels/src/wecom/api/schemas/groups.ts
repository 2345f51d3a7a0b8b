import { z } from 'zod';
import { ZCursor, ZState } from './common.ts';

/**
 * Customer groups. Documents: groupchat/list https://developer.work.weixin.qq.com/document/path/92120
 * (limit 1–1000) · groupchat/get /92122 · join ways /92229 (chat_id_list ≤ 5, state ≤ 30) ·
 * groupchat/statistic /92133 · groupchat/transfer /92127 (≤ 100 chats a call).
 */

export const ZGroupchatListRequest = z.looseObject({
  status_filter: z.number().int().min(0).max(3).optional(), // 0 all, 1 handover pending, 2 handing over, 3 handed over
  owner_filter: z.looseObject({ userid_list: z.array(z.string()).max(100).optional() }).optional(),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(1000, 'groupchat/list limit is at most 1000'),
});
export const ZGroupchatListResponse = z.looseObject({
  group_chat_list: z.array(z.looseObject({ chat_id: z.string(), status: z.number().optional() })).default([]),
  next_cursor: z.string().optional(),
});

export const ZGroupchatGetRequest = z.looseObject({
  chat_id: z.string().min(1),
  need_name: z.union([z.literal(0), z.literal(1)]).optional(),
});
export const ZGroupchatGetResponse = z.looseObject({
  group_chat: z.looseObject({
    chat_id: z.string(),
    name: z.string().default(''),
    owner: z.string(),
    create_time: z.number().optional(),
    notice: z.string().optional(),
    member_list: z
      .array(
        z.looseObject({
          userid: z.string(),
          type: z.number(), // 1 staff, 2 customer
          join_time: z.number().optional(),
          join_scene: z.number().optional(), // 1 direct invite, 2 invite link, 3 QR code
          invitor: z.looseObject({ userid: z.string() }).optional(),
          group_nickname: z.string().optional(),
          name: z.string().optional(),
          unionid: z.string().optional(),
        }),
      )
      .default([]),
    admin_list: z.array(z.looseObject({ userid: z.string() })).optional(),
    member_version: z.string().optional(),
  }),
});

const ZChatIdList = z
  .array(z.string().min(1))
  .min(1, 'a join way needs at least one chat_id')
  .max(5, 'a join way takes at most 5 groups (chat_id_list, groupchat/add_join_way)');

export const ZAddJoinWayRequest = z.looseObject({
  scene: z.union([z.literal(1), z.literal(2)]), // 1 mini-program button, 2 QR code
  remark: z.string().max(30).optional(),
  auto_create_room: z.union([z.literal(0), z.literal(1)]).optional(),
  room_base_name: z.string().max(40).optional(),
  room_base_id: z.number().int().optional(),
  chat_id_list: ZChatIdList,
  state: ZState.optional(),
});
export const ZAddJoinWayResponse = z.looseObject({ config_id: z.string().min(1) });
export const ZConfigIdRequest = z.looseObject({ config_id: z.string().min(1) });
export const ZGetJoinWayResponse = z.looseObject({
  join_way: z.looseObject({
    config_id: z.string(),
    scene: z.number().optional(),
    remark: z.string().optional(),
    auto_create_room: z.number().optional(),
    room_base_name: z.string().optional(),
    room_base_id: z.number().optional(),
    chat_id_list: z.array(z.string()).default([]),
    qr_code: z.string().optional(),
    state: z.string().optional(),
  }),
});
export const ZUpdateJoinWayRequest = ZAddJoinWayRequest.extend({ config_id: z.string().min(1) });

export const ZGroupchatStatisticRequest = z.looseObject({
  day_begin_time: z.number().int(),
  day_end_time: z.number().int().optional(),
  owner_filter: z.looseObject({ userid_list: z.array(z.string()).min(1).max(100) }),
  order_by: z.number().int().optional(),
  order_asc: z.number().int().optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
export const ZGroupchatStatisticResponse = z.looseObject({
  total: z.number().optional(),
  next_offset: z.number().optional(),
  items: z
    .array(
      z.looseObject({
        owner: z.string(),
        data: z.looseObject({
          new_chat_cnt: z.number().optional(),
          chat_total: z.number().optional(),
          chat_has_msg: z.number().optional(),
          new_member_cnt: z.number().optional(),
          member_total: z.number().optional(),
          member_has_msg: z.number().optional(),
          msg_total: z.number().optional(),
        }),
      }),
    )
    .default([]),
});

export const ZGroupchatTransferRequest = z.looseObject({
  chat_id_list: z.array(z.string().min(1)).min(1).max(100, 'groupchat/transfer takes at most 100 chats a call'),
  new_owner: z.string().min(1),
});
export const ZGroupchatTransferResponse = z.looseObject({
  failed_chat_list: z
    .array(z.looseObject({ chat_id: z.string(), errcode: z.number(), errmsg: z.string().optional() }))
    .default([]),
});
