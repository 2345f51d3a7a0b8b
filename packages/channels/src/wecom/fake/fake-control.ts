import { randomBytes } from 'node:crypto';
import {
  buildEventXml,
  type FakeCallbackHub,
  type FakeCallbackTarget,
  type FakeDeliverOptions,
  type FakeDelivery,
  type FakeXmlValue,
} from './fake-callbacks.ts';
import type { FakeClock, FakeConfig } from './fake-core.ts';
import { type FakeFailure, type FakeHttp, normalisePath } from './fake-server.ts';
import {
  type FakeCustomer,
  type FakeFollow,
  type FakeGroup,
  type FakeGroupMember,
  type FakeStaff,
  type FakeTagGroup,
  type FakeWecomState,
  followKey,
  nextId,
} from './fake-state.ts';
import { confirmMassTask } from './handlers/messages.ts';
import { settleTransfers } from './handlers/transfers.ts';

/**
 * The test-facing control of the fake: seeding, failure injection, the clock, and acting as the
 * people WeCom stands between (a customer scanning a code, staff confirming a mass send). Acting
 * users produce callbacks like WeCom; API writes never do.
 */

export type FakeCustomerInput = {
  external_userid?: string;
  name: string;
  avatar?: string;
  type?: number;
  gender?: number;
  unionid?: string;
};

export type FakeFollowInput = {
  userid: string;
  remark?: string;
  description?: string;
  state?: string;
  tag_ids?: string[];
  // Unix seconds; defaults to now.
  createtime?: number;
};

export type FakeMemberInput = {
  userid: string;
  type: 1 | 2;
  join_scene?: number;
  invitor?: string;
  name?: string;
  state?: string;
};

export type FakeWecomControl = ReturnType<typeof createFakeControl>;

export function createFakeControl(input: {
  corpId: string;
  state: { current: FakeWecomState; fresh: () => FakeWecomState };
  config: FakeConfig;
  clock: FakeClock;
  http: FakeHttp;
  hub: FakeCallbackHub;
}) {
  const { config, clock, http, hub, corpId } = input;
  const initialConfig = { ...config };
  const st = () => input.state.current;
  const nowSec = () => Math.floor(clock.now() / 1000);

  function event(eventName: string, fields: Record<string, FakeXmlValue>): string {
    return buildEventXml({ toUserName: corpId, createTime: nowSec(), event: eventName, fields });
  }

  function staffOrThrow(userid: string): FakeStaff {
    const staff = st().staff.get(userid);
    if (!staff) throw new Error(`No staff member "${userid}": add one with control.addStaff({ userid }).`);
    return staff;
  }

  function groupOrThrow(chatId: string): FakeGroup {
    const group = st().groups.get(chatId);
    if (!group || group.dismissed)
      throw new Error(`No group "${chatId}": add one with control.addGroup(...) or control.createGroup(...).`);
    return group;
  }

  function upsertCustomer(customer: FakeCustomerInput | string): FakeCustomer {
    if (typeof customer === 'string') {
      const found = st().customers.get(customer);
      if (!found) throw new Error(`No customer "${customer}": pass { name } to create one, or add it with control.addCustomer.`);
      return found;
    }
    const id = customer.external_userid ?? nextId(st(), 'wm');
    const existing = st().customers.get(id);
    if (existing) return existing;
    const created: FakeCustomer = {
      external_userid: id,
      name: customer.name,
      avatar: customer.avatar ?? `https://fake-wecom.local/avatar/${id}.png`,
      type: customer.type ?? 1,
      gender: customer.gender ?? 0,
      ...(customer.unionid ? { unionid: customer.unionid } : {}),
    };
    st().customers.set(id, created);
    return created;
  }

  function addFollow(externalUserId: string, f: FakeFollowInput): FakeFollow {
    staffOrThrow(f.userid);
    const follow: FakeFollow = {
      userid: f.userid,
      external_userid: externalUserId,
      remark: f.remark ?? '',
      description: f.description ?? '',
      createtime: f.createtime ?? nowSec(),
      tag_ids: f.tag_ids ?? [],
      ...(f.state ? { state: f.state } : {}),
      remark_mobiles: [],
      remark_corp_name: '',
      add_way: 1,
      oper_userid: externalUserId,
    };
    st().follows.set(followKey(f.userid, externalUserId), follow);
    return follow;
  }

  function member(m: FakeMemberInput): FakeGroupMember {
    const name = m.name ?? (m.type === 1 ? st().staff.get(m.userid)?.name : st().customers.get(m.userid)?.name) ?? m.userid;
    return {
      userid: m.userid,
      type: m.type,
      join_time: nowSec(),
      join_scene: m.join_scene ?? 1,
      ...(m.invitor ? { invitor: { userid: m.invitor } } : {}),
      group_nickname: '',
      name,
      ...(m.state ? { state: m.state } : {}),
    };
  }

  function memberChange(group: FakeGroup, detail: 'add_member' | 'del_member', ids: string[], scene: Record<string, number>) {
    const last = group.member_version;
    group.member_version += 1;
    return event('change_external_chat', {
      ChatId: group.chat_id,
      ChangeType: 'update',
      UpdateDetail: detail,
      ...scene,
      MemChangeCnt: ids.length,
      MemChangeList: ids,
      LastMemVer: `v${last}`,
      CurMemVer: `v${group.member_version}`,
    });
  }

  // Either side ends a follow: WeCom forgets it and calls back with `changeType`; `missing` when there was none.
  async function endFollow(
    userid: string,
    externalUserId: string,
    changeType: 'del_follow_user' | 'del_external_contact',
    missing: string,
  ) {
    if (!st().follows.delete(followKey(userid, externalUserId))) throw new Error(missing);
    const xml = event('change_external_contact', { ChangeType: changeType, UserID: userid, ExternalUserID: externalUserId });
    return { xml, deliveries: await hub.emit(xml) };
  }

  const control = {
    // ---------- state and clock ----------
    /** The live state (read it in assertions; prefer the acting methods to change it). */
    get state(): FakeWecomState {
      return st();
    },
    /** Forgets everything: state, tokens, counters, failures, held callbacks, limits and settings. */
    reset() {
      input.state.current = input.state.fresh();
      Object.assign(config, initialConfig);
      http.tokens.clear();
      http.calls.clear();
      http.failures.clear();
      http.rateWindow.length = 0;
      http.latencyMs.value = 0;
      hub.reset();
    },
    /** The fake clock, in ms. */
    now: () => clock.now(),
    /** Moves the fake clock forward (token expiry, welcome codes, transfers all follow it). */
    advance(ms: number) {
      clock.advance(ms);
    },

    // ---------- seeding (never produces callbacks) ----------
    addStaff(s: { userid: string; name?: string; followEnabled?: boolean; department?: number[] }): FakeStaff {
      const staff: FakeStaff = {
        userid: s.userid,
        name: s.name ?? s.userid,
        followEnabled: s.followEnabled ?? true,
        department: s.department ?? [1],
        status: 1,
      };
      st().staff.set(s.userid, staff);
      return staff;
    },
    addCustomer(c: FakeCustomerInput & { follows?: FakeFollowInput[] }): FakeCustomer {
      const customer = upsertCustomer(c);
      for (const f of c.follows ?? []) addFollow(customer.external_userid, f);
      return customer;
    },
    addFollow(externalUserId: string, f: FakeFollowInput): FakeFollow {
      if (!st().customers.has(externalUserId))
        throw new Error(`No customer "${externalUserId}": add it with control.addCustomer first.`);
      return addFollow(externalUserId, f);
    },
    /** Adds a tag (and its group when new); returns both ids. */
    addTag(t: { group_name: string; name: string }): { group_id: string; tag_id: string } {
      let group = st().tagGroups.find((g) => g.group_name === t.group_name);
      if (!group) {
        group = { group_id: nextId(st(), 'et'), group_name: t.group_name, create_time: nowSec(), order: 0, tags: [] };
        st().tagGroups.push(group);
      }
      const existing = group.tags.find((x) => x.name === t.name);
      if (existing) return { group_id: group.group_id, tag_id: existing.id };
      const tag = { id: nextId(st(), 'et'), name: t.name, create_time: nowSec(), order: 0 };
      group.tags.push(tag);
      return { group_id: group.group_id, tag_id: tag.id };
    },
    tagGroups(): FakeTagGroup[] {
      return st().tagGroups;
    },
    addGroup(g: {
      chat_id?: string;
      name: string;
      owner: string;
      notice?: string;
      members?: FakeMemberInput[];
      member_cap?: number;
      status?: number;
    }): FakeGroup {
      staffOrThrow(g.owner);
      const chat_id = g.chat_id ?? nextId(st(), 'wr');
      const members = [{ userid: g.owner, type: 1 as const }, ...(g.members ?? []).filter((m) => m.userid !== g.owner)];
      const group: FakeGroup = {
        chat_id,
        name: g.name,
        owner: g.owner,
        create_time: nowSec(),
        notice: g.notice ?? '',
        member_list: members.map(member),
        admin_list: [],
        status: g.status ?? 0,
        dismissed: false,
        member_version: 1,
        member_cap: g.member_cap ?? 200,
      };
      st().groups.set(chat_id, group);
      return group;
    },

    // ---------- behaviour ----------
    /** The next `times` calls to `path` (e.g. 'externalcontact/list') fail this way. */
    failNext(path: string, failure: FakeFailure, times = 1) {
      const key = normalisePath(path);
      const queue = http.failures.get(key) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      http.failures.set(key, queue);
    },
    setLatency(ms: number) {
      http.latencyMs.value = ms;
    },
    /** Calls per minute for the corp before 45009; null turns the limit off. */
    setRateLimit(perMinute: number | null) {
      config.rateLimitPerMinute = perMinute;
      http.rateWindow.length = 0;
    },
    setTokenTtl(sec: number) {
      config.tokenTtlSec = sec;
    },
    /** Mass messages a customer may receive per month (null = days of the month). */
    setMonthlyMassLimit(limit: number | null) {
      config.monthlyMassLimit = limit;
    },
    /** Every issued access_token expires now (the next call gets 42001). */
    expireTokens() {
      const now = clock.now();
      for (const record of http.tokens.values()) record.expiresAtMs = now;
    },
    /** Forgets every issued token (the next call gets 40014, as after a secret reset). */
    revokeTokens() {
      http.tokens.clear();
    },
    /** How many times `path` was called ('gettoken', 'externalcontact/list', '/cgi-bin/…' all work). */
    calls(path: string): number {
      return http.calls.get(normalisePath(path)) ?? 0;
    },
    callCounts(): Record<string, number> {
      return Object.fromEntries(http.calls);
    },
    resetCalls() {
      http.calls.clear();
    },

    // ---------- callbacks ----------
    setCallbackTarget(target: FakeCallbackTarget | null) {
      hub.setTarget(target);
    },
    /**
     * Delivers event XML (see `eventXml`): late (`delayMs`), several times at once (`times`), or
     * several events in a random order (`shuffle`).
     */
    deliver(xml: string | string[], options?: FakeDeliverOptions): Promise<FakeDelivery[]> {
      return hub.deliver(xml, options);
    },
    deliverShuffled(xmls: string[]): Promise<FakeDelivery[]> {
      return hub.deliverShuffled(xmls);
    },
    /** Keeps events from acting users until `releaseCallbacks`. */
    holdCallbacks() {
      hub.hold();
    },
    releaseCallbacks(order: 'fifo' | 'reverse' | 'shuffle' = 'fifo'): Promise<FakeDelivery[]> {
      return hub.release(order);
    },
    heldCallbacks: () => hub.held(),
    deliveries: () => hub.log(),
    idle: () => hub.idle(),
    verifyUrl: () => hub.verifyUrl(),
    /** Builds an event XML for this corp, stamped now. */
    eventXml: (eventName: string, fields: Record<string, FakeXmlValue>) => event(eventName, fields),

    // ---------- acting as customers and staff ----------
    /**
     * A customer scans contact way `configId`: WeCom picks the way's staff in turn, creates the
     * follow with the way's state, issues a welcome code (20 s, once) and sends add_external_contact.
     */
    async scanContactWay(configId: string, customer: FakeCustomerInput | string) {
      const way = st().contactWays.get(configId);
      if (!way) throw new Error(`No contact way "${configId}": create it with add_contact_way first.`);
      if (way.user.length === 0) throw new Error(`Contact way "${configId}" has no staff members.`);
      const userid = way.user[way.next % way.user.length] as string;
      way.next = (way.next + 1) % way.user.length;
      const c = upsertCustomer(customer);
      addFollow(c.external_userid, { userid, ...(way.state ? { state: way.state } : {}) });
      const welcome_code = randomBytes(16).toString('hex');
      st().welcomeCodes.set(welcome_code, {
        code: welcome_code,
        userid,
        external_userid: c.external_userid,
        issuedAtMs: clock.now(),
        used: false,
      });
      const xml = event('change_external_contact', {
        ChangeType: 'add_external_contact',
        UserID: userid,
        ExternalUserID: c.external_userid,
        State: way.state || undefined,
        WelcomeCode: welcome_code,
      });
      const deliveries = await hub.emit(xml);
      return { external_userid: c.external_userid, userid, state: way.state, welcome_code, xml, deliveries };
    },
    /** The customer deletes the staff member (del_follow_user). */
    async customerDeletesStaff(externalUserId: string, userid: string) {
      return endFollow(userid, externalUserId, 'del_follow_user', `"${externalUserId}" does not follow "${userid}".`);
    },
    /** The staff member deletes the customer (del_external_contact). */
    async staffDeletesCustomer(userid: string, externalUserId: string) {
      return endFollow(userid, externalUserId, 'del_external_contact', `"${userid}" has no customer "${externalUserId}".`);
    },
    /** The staff member edits the remark in their app (edit_external_contact). */
    async staffEditsCustomer(userid: string, externalUserId: string, changes: { remark?: string; description?: string }) {
      const follow = st().follows.get(followKey(userid, externalUserId));
      if (!follow) throw new Error(`"${userid}" has no customer "${externalUserId}".`);
      if (changes.remark !== undefined) follow.remark = changes.remark;
      if (changes.description !== undefined) follow.description = changes.description;
      const xml = event('change_external_contact', {
        ChangeType: 'edit_external_contact',
        UserID: userid,
        ExternalUserID: externalUserId,
      });
      return { xml, deliveries: await hub.emit(xml) };
    },
    /** A staff member creates a group in their app (change_external_chat/create). */
    async createGroup(g: { owner: string; name: string; members?: FakeMemberInput[]; chat_id?: string; member_cap?: number }) {
      const group = control.addGroup(g);
      const xml = event('change_external_chat', { ChatId: group.chat_id, ChangeType: 'create' });
      return { chat_id: group.chat_id, xml, deliveries: await hub.emit(xml) };
    },
    /** The owner dismisses a group (change_external_chat/dismiss). */
    async dismissGroup(chatId: string) {
      const group = groupOrThrow(chatId);
      group.dismissed = true;
      const xml = event('change_external_chat', { ChatId: chatId, ChangeType: 'dismiss' });
      return { xml, deliveries: await hub.emit(xml) };
    },
    /**
     * A customer joins through join way `configId` (scanning its QR code, join_scene 3): the first
     * group of the way with room, or a new room when all are full and auto_create_room is on.
     */
    async joinGroupViaJoinWay(configId: string, customer: FakeCustomerInput | string) {
      const way = st().joinWays.get(configId);
      if (!way) throw new Error(`No join way "${configId}": create it with groupchat/add_join_way first.`);
      const c = upsertCustomer(customer);
      let group = way.chat_id_list
        .map((id) => st().groups.get(id))
        .find((g): g is FakeGroup => !!g && !g.dismissed && g.member_list.length < g.member_cap);
      const extra: FakeDelivery[] = [];
      if (!group) {
        const first = st().groups.get(way.chat_id_list[0] ?? '');
        if (way.auto_create_room !== 1 || !first) throw new Error(`Every group of join way "${configId}" is full.`);
        way.rooms_created += 1;
        const created = await control.createGroup({
          owner: first.owner,
          name: `${way.room_base_name || first.name}${way.room_base_id + way.rooms_created}`,
          member_cap: first.member_cap,
        });
        extra.push(...created.deliveries);
        if (way.chat_id_list.length < 5) way.chat_id_list.push(created.chat_id);
        group = groupOrThrow(created.chat_id);
      }
      if (group.member_list.some((m) => m.userid === c.external_userid))
        throw new Error(`"${c.external_userid}" is already in group "${group.chat_id}".`);
      group.member_list.push(
        member({ userid: c.external_userid, type: 2, join_scene: 3, ...(way.state ? { state: way.state } : {}) }),
      );
      const xml = memberChange(group, 'add_member', [c.external_userid], { JoinScene: 3 });
      return {
        chat_id: group.chat_id,
        external_userid: c.external_userid,
        xml,
        deliveries: [...extra, ...(await hub.emit(xml))],
      };
    },
    /** A staff member invites someone into a group directly (join_scene 1). */
    async addGroupMember(chatId: string, m: FakeMemberInput) {
      const group = groupOrThrow(chatId);
      if (group.member_list.length >= group.member_cap) throw new Error(`Group "${chatId}" is full (${group.member_cap}).`);
      if (m.type === 2 && !st().customers.has(m.userid)) upsertCustomer({ external_userid: m.userid, name: m.name ?? m.userid });
      group.member_list.push(member({ join_scene: 1, ...m }));
      const xml = memberChange(group, 'add_member', [m.userid], { JoinScene: m.join_scene ?? 1 });
      return { xml, deliveries: await hub.emit(xml) };
    },
    /** A member leaves (QuitScene 0) or is removed by the owner (QuitScene 1). */
    async leaveGroup(chatId: string, memberId: string, quitScene: 0 | 1 = 0) {
      const group = groupOrThrow(chatId);
      const before = group.member_list.length;
      group.member_list = group.member_list.filter((m) => m.userid !== memberId);
      if (group.member_list.length === before) throw new Error(`"${memberId}" is not in group "${chatId}".`);
      const xml = memberChange(group, 'del_member', [memberId], { QuitScene: quitScene });
      return { xml, deliveries: await hub.emit(xml) };
    },
    /** The owner renames the group (update/change_name). */
    async renameGroup(chatId: string, name: string) {
      const group = groupOrThrow(chatId);
      group.name = name;
      const xml = event('change_external_chat', { ChatId: chatId, ChangeType: 'update', UpdateDetail: 'change_name' });
      return { xml, deliveries: await hub.emit(xml) };
    },
    /** An admin creates a corp tag in WeCom's admin console (change_external_tag/create). */
    async adminCreatesTag(t: { group_name: string; name: string }) {
      const ids = control.addTag(t);
      const xml = event('change_external_tag', { Id: ids.tag_id, TagType: 'tag', ChangeType: 'create' });
      return { ...ids, xml, deliveries: await hub.emit(xml) };
    },
    /** Staff `userid` confirms mass task `msgid` in their app; no callback (WeCom sends none). */
    confirmMassTask(msgid: string, userid: string) {
      return confirmMassTask(st(), msgid, userid, clock.now(), config.monthlyMassLimit);
    },
    /** Staff `userid` publishes the moment of job `jobIdOrMomentId` from their app. */
    publishMoment(jobIdOrMomentId: string, userid: string) {
      const task = st().moments.get(jobIdOrMomentId) ?? [...st().moments.values()].find((m) => m.moment_id === jobIdOrMomentId);
      if (!task) throw new Error(`No moment task "${jobIdOrMomentId}": create it with add_moment_task first.`);
      if (!task.staff.includes(userid)) throw new Error(`"${userid}" was not asked to publish moment "${task.moment_id}".`);
      task.published.set(userid, nowSec());
      return task;
    },
    /** Completes the transfers whose 24 h passed (or all of them with `force`). */
    settleTransfers(force = false) {
      settleTransfers(st(), force ? Number.MAX_SAFE_INTEGER : nowSec());
    },
    /** The welcome messages Pond sent (send_welcome_msg bodies). */
    welcomeSent: () => st().welcomeSent,
    /** The messages robot `key` received. */
    robotMessages: (key: string) => st().robots.get(key)?.messages ?? [],
  };
  return control;
}
