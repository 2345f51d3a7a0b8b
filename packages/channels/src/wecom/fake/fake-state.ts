/**
 * The fake WeCom server's in-memory state. Shapes follow WeCom's documented objects (snake_case
 * where they are returned as-is). Test-only: nothing here is persisted.
 */

export type FakeStaff = {
  userid: string;
  name: string;
  // Configured for 客户联系 (only such staff appear in get_follow_user_list and can have customers).
  followEnabled: boolean;
  department: number[];
  // 1 active, 5 resigned (user/get "status"; 5 = 退出企业 for resigned transfers).
  status: number;
};

export type FakeCustomer = {
  external_userid: string;
  name: string;
  avatar: string;
  // 1 WeChat user, 2 WeCom user (externalcontact/get "type").
  type: number;
  // 0 unknown, 1 male, 2 female.
  gender: number;
  unionid?: string;
};

export type FakeFollow = {
  userid: string;
  external_userid: string;
  remark: string;
  description: string;
  // Unix seconds when the staff member added the customer.
  createtime: number;
  tag_ids: string[];
  // The contact way's state the customer came through (≤ 30 chars).
  state?: string;
  remark_mobiles: string[];
  remark_corp_name: string;
  // 1 scanned a QR code, 0 unknown … (follow_user.add_way in 获取客户详情).
  add_way: number;
  oper_userid: string;
};

export type FakeTag = { id: string; name: string; create_time: number; order: number };
export type FakeTagGroup = { group_id: string; group_name: string; create_time: number; order: number; tags: FakeTag[] };

export type FakeGroupMember = {
  userid: string;
  // 1 staff, 2 customer (groupchat/get member_list.type).
  type: 1 | 2;
  join_time: number;
  // 1 invited directly, 2 invited by link, 3 scanned the group QR code.
  join_scene: number;
  invitor?: { userid: string };
  group_nickname: string;
  name: string;
  unionid?: string;
  // The join way's state the member came through (groupchat/get member_list.state).
  state?: string;
};

export type FakeGroup = {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  notice: string;
  member_list: FakeGroupMember[];
  admin_list: { userid: string }[];
  // 0 normal, 1 owner resigned, 2 transfer in progress, 3 transfer done (groupchat/list status).
  status: number;
  dismissed: boolean;
  // Bumped on every member change (LastMemVer/CurMemVer of the update callback).
  member_version: number;
  // How many members the group can hold (200 by default; some corps 500).
  member_cap: number;
};

export type FakeContactWay = {
  config_id: string;
  type: number; // 1 single staff, 2 several staff
  scene: number; // 1 mini-program, 2 QR code
  style?: number;
  remark: string;
  skip_verify: boolean;
  state: string;
  user: string[];
  party: number[];
  is_temp: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  qr_code: string;
  // Round-robin cursor: which of `user` the next scan goes to.
  next: number;
};

export type FakeJoinWay = {
  config_id: string;
  scene: number; // 1 mini-program, 2 QR code
  remark: string;
  auto_create_room: number;
  room_base_name: string;
  room_base_id: number;
  chat_id_list: string[];
  qr_code: string;
  state: string;
  // Rooms opened by auto_create_room, for room_base_name + number.
  rooms_created: number;
};

export type FakeWelcomeCode = { code: string; userid: string; external_userid: string; issuedAtMs: number; used: boolean };

export type FakeMassResult = {
  external_userid?: string;
  chat_id?: string;
  userid: string;
  // 0 unsent, 1 sent, 2 not a friend, 3 over the customer's limit (get_groupmsg_send_result).
  status: 0 | 1 | 2 | 3;
  send_time?: number;
};

export type FakeMassTask = {
  msgid: string;
  chat_type: 'single' | 'group';
  create_type: 0 | 1; // 0 corp-created, 1 staff-created
  creator: string;
  create_time: number;
  text?: { content: string };
  attachments: unknown[];
  // Per staff member: 0 unconfirmed, 2 sent (get_groupmsg_task status).
  tasks: Map<string, { status: 0 | 2; send_time?: number }>;
  results: FakeMassResult[];
};

export type FakeMomentTask = {
  jobid: string;
  moment_id: string;
  creator: string;
  create_time: number;
  text?: { content: string };
  attachments: unknown[];
  // Staff who are asked to publish.
  staff: string[];
  // userid → publish time (publish_status 1).
  published: Map<string, number>;
  // get_moment_task_result calls so far (the first sees the job still processing).
  polls: number;
  // Requested senders that do not exist (invalid_sender_list).
  invalid: string[];
};

export type FakeTransfer = {
  handover_userid: string;
  takeover_userid: string;
  external_userid: string;
  // 1 done, 2 waiting for the customer to accept (transfer_result status).
  status: number;
  takeover_time: number;
  resigned: boolean;
};

export type FakeWecomState = {
  corpId: string;
  staff: Map<string, FakeStaff>;
  customers: Map<string, FakeCustomer>;
  // Key `${userid}|${external_userid}`.
  follows: Map<string, FakeFollow>;
  tagGroups: FakeTagGroup[];
  groups: Map<string, FakeGroup>;
  contactWays: Map<string, FakeContactWay>;
  joinWays: Map<string, FakeJoinWay>;
  welcomeCodes: Map<string, FakeWelcomeCode>;
  // Welcome messages sent, for assertions.
  welcomeSent: { welcome_code: string; userid: string; external_userid: string; body: Record<string, unknown> }[];
  massTasks: Map<string, FakeMassTask>;
  // external_userid → unix seconds of mass messages received (for the monthly limit).
  massReceived: Map<string, number[]>;
  moments: Map<string, FakeMomentTask>;
  transfers: FakeTransfer[];
  // external_userid → unix seconds of each transfer (at most 2 in 90 days).
  transferTimes: Map<string, number[]>;
  media: Map<string, { type: string; created_at: number }>;
  robots: Map<string, { sentMs: number[]; messages: Record<string, unknown>[] }>;
  // JS-SDK tickets issued, newest last (for checking signatures made with them).
  tickets: { kind: 'jsapi' | 'agent_config'; ticket: string }[];
  // A counter for ids.
  seq: number;
};

export function createFakeState(corpId: string): FakeWecomState {
  return {
    corpId,
    staff: new Map(),
    customers: new Map(),
    follows: new Map(),
    tagGroups: [],
    groups: new Map(),
    contactWays: new Map(),
    joinWays: new Map(),
    welcomeCodes: new Map(),
    welcomeSent: [],
    massTasks: new Map(),
    massReceived: new Map(),
    moments: new Map(),
    transfers: [],
    transferTimes: new Map(),
    media: new Map(),
    robots: new Map(),
    tickets: [],
    seq: 0,
  };
}

/** A fresh id with WeCom-like prefixes (`wm…` customers, `wr…` groups, `et…` tags, `msg…` mass tasks). */
export function nextId(state: FakeWecomState, prefix: string): string {
  state.seq += 1;
  return `${prefix}${state.seq.toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
}

export function followKey(userid: string, externalUserId: string): string {
  return `${userid}|${externalUserId}`;
}

/** All tags of all groups, flattened. */
export function allTags(state: FakeWecomState): Map<string, { tag: FakeTag; group: FakeTagGroup }> {
  const out = new Map<string, { tag: FakeTag; group: FakeTagGroup }>();
  for (const group of state.tagGroups) for (const tag of group.tags) out.set(tag.id, { tag, group });
  return out;
}
