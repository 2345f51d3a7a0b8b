import { z } from 'zod';
import { ZAttachments, ZCursor, ZState, ZText } from './common.ts';

/**
 * Contact ways, welcome messages, mass sends, moments, transfers, tickets and media. Documents:
 * contact ways https://developer.work.weixin.qq.com/document/path/92228 (state ≤ 30, user ≤ 100) ·
 * send_welcome_msg /92137 (20 s, once, ≤ 9 attachments) · add_msg_template /92135 (≤ 10,000
 * customers or ≤ 2,000 groups, ≤ 9 attachments) · get_groupmsg_list_v2 / get_groupmsg_task /
 * get_groupmsg_send_result /93338 · add_moment_task, get_moment_task_result /95094 ·
 * get_moment_task /93333 · 在职继承 transfer_customer, transfer_result /94088 (≤ 100 customers) ·
 * 离职继承 resigned/transfer_customer, resigned/transfer_result /94081 (≤ 100 customers) ·
 * jsapi tickets /90506 · media/upload /90253 · media/upload_attachment /95098.
 */

// ---------- contact ways ----------
const ZUserList = z.array(z.string().min(1)).max(100, 'a contact way takes at most 100 staff (add_contact_way user)');
export const ZAddContactWayRequest = z
  .looseObject({
    type: z.union([z.literal(1), z.literal(2)]), // 1 one staff member, 2 several
    scene: z.union([z.literal(1), z.literal(2)]), // 1 mini-program button, 2 QR code
    style: z.number().int().optional(),
    remark: z.string().max(30).optional(),
    skip_verify: z.boolean().optional(),
    state: ZState.optional(),
    user: ZUserList.optional(),
    party: z.array(z.number().int()).optional(),
    is_temp: z.boolean().optional(),
    expires_in: z.number().int().optional(),
    chat_expires_in: z.number().int().optional(),
    unionid: z.string().optional(),
    is_exclusive: z.boolean().optional(),
    conclusions: z.looseObject({}).optional(),
  })
  .refine((r) => (r.user?.length ?? 0) + (r.party?.length ?? 0) > 0, 'a contact way needs user or party')
  .refine((r) => r.type === 2 || (r.user?.length ?? 0) + (r.party?.length ?? 0) === 1, 'type 1 takes exactly one staff member');
export const ZAddContactWayResponse = z.looseObject({ config_id: z.string().min(1), qr_code: z.string().optional() });
export const ZGetContactWayResponse = z.looseObject({
  contact_way: z.looseObject({
    config_id: z.string(),
    type: z.number().optional(),
    scene: z.number().optional(),
    remark: z.string().optional(),
    skip_verify: z.boolean().optional(),
    state: z.string().optional(),
    qr_code: z.string().optional(),
    user: z.array(z.string()).optional(),
    party: z.array(z.number()).optional(),
  }),
});
export const ZUpdateContactWayRequest = z.looseObject({
  config_id: z.string().min(1),
  remark: z.string().max(30).optional(),
  skip_verify: z.boolean().optional(),
  style: z.number().int().optional(),
  state: ZState.optional(),
  user: ZUserList.optional(),
  party: z.array(z.number().int()).optional(),
  expires_in: z.number().int().optional(),
  chat_expires_in: z.number().int().optional(),
  unionid: z.string().optional(),
  conclusions: z.looseObject({}).optional(),
});

// ---------- send_welcome_msg ----------
export const ZSendWelcomeMsgRequest = z
  .looseObject({ welcome_code: z.string().min(1), text: ZText.optional(), attachments: ZAttachments.optional() })
  .refine(
    (r) => (r.text?.content?.length ?? 0) > 0 || (r.attachments?.length ?? 0) > 0,
    'a welcome message needs text or an attachment',
  );

// ---------- add_msg_template ----------
export const ZAddMsgTemplateRequest = z
  .looseObject({
    chat_type: z.enum(['single', 'group']).optional(),
    external_userid: z.array(z.string().min(1)).max(10_000, 'a mass task takes at most 10,000 customers').optional(),
    chat_id_list: z.array(z.string().min(1)).max(2000, 'a mass task takes at most 2,000 groups').optional(),
    tag_filter: z.looseObject({}).optional(),
    sender: z.string().min(1).optional(),
    allow_select: z.boolean().optional(),
    text: ZText.optional(),
    attachments: ZAttachments.optional(),
  })
  .refine(
    (r) => (r.text?.content?.length ?? 0) > 0 || (r.attachments?.length ?? 0) > 0,
    'a mass task needs text or an attachment',
  )
  .refine((r) => r.chat_type !== 'group' || !!r.sender, "a mass task to groups needs a sender (the groups' owner)");
export const ZAddMsgTemplateResponse = z.looseObject({
  msgid: z.string().min(1),
  fail_list: z.array(z.string()).default([]),
});

export const ZGetGroupmsgListV2Request = z.looseObject({
  chat_type: z.enum(['single', 'group']),
  start_time: z.number().int(),
  end_time: z.number().int(),
  creator: z.string().optional(),
  filter_type: z.number().int().min(0).max(2).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: ZCursor,
});
export const ZGetGroupmsgListV2Response = z.looseObject({
  next_cursor: z.string().optional(),
  group_msg_list: z
    .array(
      z.looseObject({
        msgid: z.string(),
        creator: z.string().optional(),
        create_time: z.union([z.string(), z.number()]).optional(),
        create_type: z.number().optional(),
        text: ZText.optional(),
        attachments: z.array(z.looseObject({})).optional(),
      }),
    )
    .default([]),
});
export const ZGetGroupmsgTaskRequest = z.looseObject({
  msgid: z.string().min(1),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: ZCursor,
});
export const ZGetGroupmsgTaskResponse = z.looseObject({
  next_cursor: z.string().optional(),
  // status: 0 not sent yet, 2 sent (the staff member confirmed).
  task_list: z.array(z.looseObject({ userid: z.string(), status: z.number(), send_time: z.number().optional() })).default([]),
});
export const ZGetGroupmsgSendResultRequest = z.looseObject({
  msgid: z.string().min(1),
  userid: z.string().min(1),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: ZCursor,
});
export const ZGetGroupmsgSendResultResponse = z.looseObject({
  next_cursor: z.string().optional(),
  // status: 0 unsent, 1 sent, 2 not a friend, 3 the customer already got another mass message.
  send_list: z
    .array(
      z.looseObject({
        external_userid: z.string().optional(),
        chat_id: z.string().optional(),
        userid: z.string().optional(),
        status: z.number(),
        send_time: z.number().optional(),
      }),
    )
    .default([]),
});

// ---------- moments ----------
export const ZMomentAttachment = z.looseObject({
  msgtype: z.enum(['image', 'video', 'link']),
  image: z.looseObject({ media_id: z.string().min(1) }).optional(),
  video: z.looseObject({ media_id: z.string().min(1) }).optional(),
  link: z.looseObject({ title: z.string().optional(), url: z.string().min(1), media_id: z.string().min(1) }).optional(),
});
export const ZAddMomentTaskRequest = z.looseObject({
  text: ZText.optional(),
  attachments: z.array(ZMomentAttachment).max(9).optional(),
  visible_range: z
    .looseObject({
      sender_list: z
        .looseObject({ user_list: z.array(z.string()).optional(), department_list: z.array(z.number()).optional() })
        .optional(),
      external_contact_list: z.looseObject({ tag_list: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
});
export const ZAddMomentTaskResponse = z.looseObject({ jobid: z.string().min(1) });
export const ZGetMomentTaskResultRequest = z.looseObject({ jobid: z.string().min(1) });
export const ZGetMomentTaskResultResponse = z.looseObject({
  status: z.number(), // 1 started, 2 in progress, 3 done
  type: z.string().optional(),
  result: z
    .looseObject({
      errcode: z.number().optional(),
      errmsg: z.string().optional(),
      moment_id: z.string().optional(),
      invalid_sender_list: z.looseObject({}).optional(),
      invalid_external_contact_list: z.looseObject({}).optional(),
    })
    .optional(),
});
export const ZGetMomentTaskRequest = z.looseObject({
  moment_id: z.string().min(1),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(1000).optional(),
});
export const ZGetMomentTaskResponse = z.looseObject({
  next_cursor: z.string().optional(),
  task_list: z.array(z.looseObject({ userid: z.string(), publish_status: z.number() })).default([]),
});

// ---------- transfers ----------
const ZTransferCustomers = z.array(z.string().min(1)).min(1).max(100, 'a transfer moves at most 100 customers a call');
export const ZTransferCustomerRequest = z.looseObject({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  external_userid: ZTransferCustomers,
  transfer_success_msg: z.string().max(200).optional(),
});
export const ZResignedTransferCustomerRequest = z.looseObject({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  external_userid: ZTransferCustomers,
});
export const ZTransferCustomerResponse = z.looseObject({
  customer: z.array(z.looseObject({ external_userid: z.string(), errcode: z.number() })).default([]),
});
export const ZTransferResultRequest = z.looseObject({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  cursor: ZCursor,
});
export const ZTransferResultResponse = z.looseObject({
  // status: 1 done, 2 waiting, 3 refused by the customer, 4 takeover staff over the limit, 5 no transfer record
  customer: z
    .array(z.looseObject({ external_userid: z.string(), status: z.number(), takeover_time: z.number().optional() }))
    .default([]),
  next_cursor: z.string().optional(),
});

// ---------- tickets ----------
export const ZTicketResponse = z.looseObject({ ticket: z.string().min(1), expires_in: z.number().int().positive() });

// ---------- media ----------
export const ZMediaUploadResponse = z.looseObject({
  type: z.string().optional(),
  media_id: z.string().min(1),
  created_at: z.union([z.string(), z.number()]).optional(),
});
