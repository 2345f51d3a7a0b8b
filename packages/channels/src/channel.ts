import { z } from 'zod';

/**
 * The `Channel` interface: what Pond can hear from and do through a messaging channel, shaped on
 * WeCom's real capabilities (see shared/wecom/README.md). `simulator` and `wecom` implement it.
 * Ids are the channel's own: staff `userid`, customer `external_userid`, group `chat_id`.
 */

// ---------- content ----------
export const ZAttachment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('image'), url: z.string().min(1).max(2048) }),
  z.object({
    type: z.literal('link'),
    title: z.string().min(1).max(128),
    url: z.string().min(1).max(2048),
    description: z.string().max(512).optional(),
    picUrl: z.string().max(2048).optional(),
  }),
  z.object({
    type: z.literal('miniprogram'),
    title: z.string().min(1).max(64),
    appId: z.string().min(1).max(64),
    page: z.string().min(1).max(1024),
    picUrl: z.string().max(2048).optional(),
  }),
  z.object({ type: z.literal('video'), url: z.string().min(1).max(2048) }),
  z.object({ type: z.literal('file'), url: z.string().min(1).max(2048), name: z.string().max(256).optional() }),
]);
export type TAttachment = z.infer<typeof ZAttachment>;

/** A message: text plus at most 9 attachments (WeCom's limit for welcome and mass messages). */
export const ZMessageContent = z
  .object({
    text: z.string().max(4000).optional(),
    attachments: z.array(ZAttachment).max(9).default([]),
  })
  .refine((c) => (c.text?.length ?? 0) > 0 || c.attachments.length > 0, 'A message needs text or an attachment.');
export type TMessageContent = z.infer<typeof ZMessageContent>;

// ---------- inbound events ----------
const at = z.string().datetime({ offset: true });
const ZMember = z.object({
  id: z.string().min(1),
  type: z.enum(['customer', 'staff']),
  name: z.string().optional(),
});

/** Inbound events, normalised from WeCom callbacks (or produced by the simulator). */
export const ZChannelEvent = z.discriminatedUnion('type', [
  // change_external_contact/add_external_contact: carries State and a WelcomeCode (valid 20 s).
  z.object({
    type: z.literal('customer.added'),
    at,
    staffUserId: z.string().min(1),
    externalUserId: z.string().min(1),
    state: z.string().max(30).optional(),
    welcomeCode: z.string().optional(),
    customer: z.object({
      name: z.string().min(1).max(128),
      avatar: z.string().max(2048).optional(),
      gender: z.number().int().min(0).max(2).optional(),
      unionId: z.string().optional(),
    }),
  }),
  // edit_external_contact
  z.object({
    type: z.literal('customer.updated'),
    at,
    staffUserId: z.string().min(1),
    externalUserId: z.string().min(1),
    remark: z.string().max(128).optional(),
  }),
  // del_follow_user: the customer deleted the staff member.
  z.object({ type: z.literal('customer.deleted_staff'), at, staffUserId: z.string().min(1), externalUserId: z.string().min(1) }),
  // del_external_contact: the staff member deleted the customer.
  z.object({ type: z.literal('staff.deleted_customer'), at, staffUserId: z.string().min(1), externalUserId: z.string().min(1) }),
  // change_external_chat/create
  z.object({
    type: z.literal('group.created'),
    at,
    chatId: z.string().min(1),
    name: z.string().max(128),
    ownerUserId: z.string().min(1),
    memberCap: z.number().int().positive().optional(),
  }),
  // change_external_chat/update with change_owner / change_name / change_notice
  z.object({
    type: z.literal('group.updated'),
    at,
    chatId: z.string().min(1),
    name: z.string().max(128).optional(),
    notice: z.string().max(2000).optional(),
    ownerUserId: z.string().optional(),
  }),
  z.object({ type: z.literal('group.dismissed'), at, chatId: z.string().min(1) }),
  // update/add_member: JoinScene 1 direct invite, 2 invite link, 3 QR code; State from the join way.
  z.object({
    type: z.literal('group.member_joined'),
    at,
    chatId: z.string().min(1),
    members: z.array(ZMember).min(1).max(500),
    joinScene: z.number().int().min(0).max(3).default(3),
    inviterUserId: z.string().optional(),
    state: z.string().max(30).optional(),
  }),
  // update/del_member: QuitScene 0 left by themselves, 1 removed by the owner.
  z.object({
    type: z.literal('group.member_left'),
    at,
    chatId: z.string().min(1),
    members: z.array(ZMember).min(1).max(500),
    quitScene: z.number().int().min(0).max(1).default(0),
  }),
  // Messages come from a MessageSource (session archive, robot @, or the simulator), not callbacks.
  z.object({
    type: z.literal('message'),
    at,
    msgId: z.string().min(1),
    conversation: z.enum(['group', 'private']),
    chatId: z.string().optional(),
    staffUserId: z.string().optional(),
    externalUserId: z.string().optional(),
    sender: z.object({ id: z.string().min(1), type: z.enum(['customer', 'staff']) }),
    msgType: z.enum(['text', 'image', 'link', 'miniprogram', 'video', 'file']).default('text'),
    content: z.string().max(10_000),
  }),
  // change_external_tag: corp tags changed in WeCom's admin.
  z.object({
    type: z.literal('tag.changed'),
    at,
    change: z.enum(['create', 'update', 'delete', 'shuffle']),
    tagType: z.enum(['tag', 'tag_group']),
    externalId: z.string().min(1),
  }),
  // mark_tag done by staff in the WeCom app (edit_external_contact with tag changes).
  z.object({
    type: z.literal('customer.tags_marked'),
    at,
    staffUserId: z.string().min(1),
    externalUserId: z.string().min(1),
    addTagExternalIds: z.array(z.string()).default([]),
    removeTagExternalIds: z.array(z.string()).default([]),
  }),
]);
export type TChannelEvent = z.infer<typeof ZChannelEvent>;
export type TChannelEventType = TChannelEvent['type'];

/** An event as delivered: the dedupe key makes a second delivery of the same event harmless. */
export type TInboundDelivery = { dedupeKey: string; event: TChannelEvent };

// ---------- errors ----------
export type TChannelErrorCode =
  | 'WELCOME_CODE_EXPIRED' // more than 20 s after the add event
  | 'WELCOME_CODE_USED' // a welcome code works once
  | 'NOT_FRIEND' // the customer is no longer in relation with the staff member
  | 'GROUP_FULL'
  | 'NOT_FOUND'
  | 'INVALID' // the request breaks a channel limit (e.g. > 5 chats per join way)
  | 'RATE_LIMITED' // retry later, with backoff
  | 'AUTH' // credentials or token rejected
  | 'UNAVAILABLE'; // the channel is down or busy: retry

/** Vendor errors are translated into this at the adapter's edge; callers never see WeCom numbers. */
export class ChannelError extends Error {
  readonly code: TChannelErrorCode;
  readonly retryable: boolean;
  constructor(code: TChannelErrorCode, message: string) {
    super(message);
    this.name = 'ChannelError';
    this.code = code;
    this.retryable = code === 'RATE_LIMITED' || code === 'UNAVAILABLE';
  }
}

// ---------- outbound actions ----------
export type TMassTaskStatus = {
  msgId: string;
  // 'waiting' until the staff member confirms in their app; some never do.
  state: 'waiting' | 'sent' | 'never';
  // Per target, WeCom's codes: 0 unsent, 1 sent, 2 not a friend, 3 over the customer's limit.
  results: { target: string; status: 0 | 1 | 2 | 3 }[];
};

/**
 * Every call that changes something accepts an `idempotencyKey` (the outbox row's key). A retry
 * after a crash between the call and Pond recording its result repeats the key: the simulator
 * remembers keys and answers a repeat with the first result, without acting twice. WeCom has no
 * general request id, so the `wecom` adapter relies on WeCom's own dedupe where it exists (a
 * welcome code works once; mass tasks are confirmed by staff) — see its notes per call.
 */
export type Channel = {
  readonly kind: 'simulator' | 'wecom';
  /** Only with the welcome code of an add event, within 20 s, once. */
  sendWelcome: (input: {
    tenantId: number;
    welcomeCode: string;
    content: TMessageContent;
    idempotencyKey?: string;
  }) => Promise<void>;
  /**
   * A message from a staff member to one customer. On WeCom this is a one-recipient mass task the
   * staff member confirms (there is no direct send API); the simulator delivers it at once.
   */
  sendPrivateMessage: (input: {
    tenantId: number;
    staffUserId: string;
    externalUserId: string;
    content: TMessageContent;
    idempotencyKey?: string;
  }) => Promise<{ msgId: string }>;
  /** A message into a customer group (group robot / mass task to groups on WeCom). */
  sendGroupMessage: (input: {
    tenantId: number;
    chatId: string;
    content: TMessageContent;
    idempotencyKey?: string;
  }) => Promise<{ msgId: string }>;
  /** add_msg_template: a task the staff member must confirm; results arrive later. */
  createMassTask: (input: {
    tenantId: number;
    chatType: 'single' | 'group';
    staffUserId: string;
    targets: string[];
    content: TMessageContent;
    idempotencyKey?: string;
  }) => Promise<{ msgId: string }>;
  getMassTaskResult: (input: { tenantId: number; msgId: string }) => Promise<TMassTaskStatus>;
  /** mark_tag for one follow (userid, external_userid). Produces no callback. */
  markTags: (input: {
    tenantId: number;
    staffUserId: string;
    externalUserId: string;
    addTagIds: string[];
    removeTagIds: string[];
    idempotencyKey?: string;
  }) => Promise<void>;
  createGroup: (input: {
    tenantId: number;
    name: string;
    ownerUserId: string;
    memberUserIds: string[];
    notice?: string;
    idempotencyKey?: string;
  }) => Promise<{ chatId: string }>;
  updateGroup: (input: {
    tenantId: number;
    chatId: string;
    name?: string;
    notice?: string;
    ownerUserId?: string;
    idempotencyKey?: string;
  }) => Promise<void>;
  /**
   * externalcontact/remark: the staff member's remark on one follow (≤ 20 characters on WeCom).
   * Produces no callback: Pond records the remark itself.
   */
  setRemark: (input: {
    tenantId: number;
    staffUserId: string;
    externalUserId: string;
    remark: string;
    idempotencyKey?: string;
  }) => Promise<void>;
  /**
   * add_contact_way: a "contact me" QR code for one or more staff members. The `state` (≤ 30
   * characters) comes back on the add event of every customer who scans it. With several staff
   * WeCom hands scanners to them in turn; Pond's live codes decide who is in the list.
   */
  createContactWay: (input: {
    tenantId: number;
    state: string;
    staffUserIds: string[];
    skipVerify?: boolean;
    idempotencyKey?: string;
  }) => Promise<TContactWay>;
  /** update_contact_way: replaces the staff list (and optionally the state) of an existing way. */
  updateContactWay: (input: {
    tenantId: number;
    configId: string;
    staffUserIds: string[];
    idempotencyKey?: string;
  }) => Promise<void>;
  /** del_contact_way. Deleting a way that is already gone succeeds. */
  deleteContactWay: (input: { tenantId: number; configId: string }) => Promise<void>;
  /**
   * groupchat/add_join_way: a QR code for 1–5 customer groups. Scanners go into the first group of
   * the list with room; the `state` comes back on the member-join event.
   */
  createJoinWay: (input: { tenantId: number; state: string; chatIds: string[]; idempotencyKey?: string }) => Promise<TJoinWay>;
  /** groupchat/update_join_way: replaces the group list (1–5 chats). */
  updateJoinWay: (input: { tenantId: number; configId: string; chatIds: string[]; idempotencyKey?: string }) => Promise<void>;
  /** groupchat/del_join_way. Deleting a way that is already gone succeeds. */
  deleteJoinWay: (input: { tenantId: number; configId: string }) => Promise<void>;
  /**
   * add_moment_task: a moments post (朋友圈) each listed staff member publishes from their WeCom
   * app (asynchronous; some never do). Content follows `momentContentProblem` (WeCom's rule).
   */
  createMomentTask: (input: {
    tenantId: number;
    staffUserIds: string[];
    content: TMessageContent;
    idempotencyKey?: string;
  }) => Promise<{ momentId: string }>;
  /** get_moment_task_result + get_moment_task: the task's state and who has published it. */
  getMomentTaskResult: (input: { tenantId: number; momentId: string }) => Promise<TMomentTaskResult>;
};

/**
 * What a moments task (朋友圈) reports, shaped on get_moment_task_result + get_moment_task:
 * `creating` while WeCom builds the task, then `created`; per staff member, whether they have
 * published it from their WeCom app yet (publish_status 0/1). `failed`: WeCom refused the task.
 */
export type TMomentTaskResult = {
  momentId: string;
  state: 'creating' | 'created' | 'failed';
  staff: { userId: string; published: boolean }[];
};

/**
 * WeCom's rule for a moments post: text plus either up to 9 images, or one video, or one link
 * (no mixing, nothing else). Returns what is wrong, or null when the content may be posted.
 * @example
 * momentContentProblem({ text: '新品上市', attachments: [{ type: 'video', url: 'v.mp4' }] }) // null
 */
export function momentContentProblem(content: TMessageContent): string | null {
  const kinds = new Set(content.attachments.map((a) => a.type));
  if (!content.text?.trim() && content.attachments.length === 0) return 'A moments post needs text or an attachment.';
  if ((content.text?.length ?? 0) > MOMENT_LIMITS.textMax)
    return `A moments post's text is at most ${MOMENT_LIMITS.textMax} characters.`;
  if (kinds.size > 1) return 'A moments post takes images, or one video, or one link — not a mix.';
  const only = [...kinds][0];
  if (only === undefined) return null;
  if (only === 'image')
    return content.attachments.length > MOMENT_LIMITS.imagesMax
      ? `A moments post takes at most ${MOMENT_LIMITS.imagesMax} images.`
      : null;
  if (only === 'video' || only === 'link') return content.attachments.length > 1 ? `A moments post takes one ${only}.` : null;
  return `A moments post cannot carry a ${only}; use images, one video or one link.`;
}

/** add_moment_task limits: text length, images per post, staff per task. */
export const MOMENT_LIMITS = { textMax: 2000, imagesMax: 9, staffMax: 10_000 } as const;

/** A staff contact way as WeCom returns it: its id and the URL of its QR image. */
export type TContactWay = { configId: string; qrCode: string };
/** A group join way: its id and the URL of its QR image. */
export type TJoinWay = { configId: string; qrCode: string };

/** WeCom's limits on contact and join ways. */
export const CONTACT_WAY_LIMITS = { stateMax: 30, staffMax: 100, joinWayChatsMax: 5 } as const;

/** externalcontact/remark: a follow's remark is at most 20 characters. */
export const REMARK_MAX = 20;
