// Issue 6 §5: Pond's WeCom channel driven end to end against the fake WeCom — connect, import, a
// customer adds a staff member through a contact way, the welcome goes out, tags are marked, a
// mass-send task is created and its results pulled — through Pond's own routes, jobs and callback
// URL (served on a real socket, so the fake posts its signed callbacks the way WeCom does).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { FakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { registerAllJobs } from '../../../jobs.ts';
import type { TestWorld } from '../../../testing/fixture.ts';
import { BROADCAST_RESULTS_JOB } from '../../broadcasts/collect-broadcast-results.ts';
import { customers, follows } from '../../customers/customers.tables.ts';
import { groupChats } from '../../groups/groups.tables.ts';
import { inboxEvents } from '../../inbox/inbox.tables.ts';
import { liveCodeAttributions } from '../../live-codes/live-codes.tables.ts';
import { staff } from '../../org/org.tables.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { customerTags, tagGroups, tags } from '../../tags/tags.tables.ts';
import { connectWecom, json, startWecomTestWorld, stopWecomTestWorld, TEST_WECOM_CONNECTION } from './wecom-test-world.ts';

const ADD_TYPE = 'wecom:change_external_contact/add_external_contact';
const WELCOME = '你好 {customer_name}，我是{staff_name}，开业新客券已经放进你的账户～';
const GIFT_URL = 'https://example.com/opening-gift';

let w: TestWorld;
let fake: FakeWecom;
let server: Server | undefined;
let origin = '';

beforeAll(async () => {
  ({ w, fake } = await startWecomTestWorld());
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  // Pond's callback URL on a real socket: the fake posts to it like WeCom (Node request path).
  server = serve({ fetch: w.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  const s = server;
  await new Promise<void>((resolve) => (s.listening ? resolve() : s.once('listening', () => resolve())));
  origin = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  // WeCom as the brand has it: the fixture's staff, customers and groups, plus what Pond has not seen.
  const c = fake.control;
  c.addStaff({ userid: 'wangfang', name: '王芳' });
  c.addStaff({ userid: 'lina', name: '李娜' });
  c.addStaff({ userid: 'zhangwei', name: '张伟' });
  c.addStaff({ userid: 'liuyang', name: '刘洋' });
  c.addStaff({ userid: 'zhaolei', name: '赵磊' });
  const vip = c.addTag({ group_name: '会员等级', name: 'VIP' });
  c.addTag({ group_name: '会员等级', name: '新客' });
  const t0 = Math.floor(Date.parse('2026-02-01T00:00:00Z') / 1000);
  c.addCustomer({ external_userid: 'wm_c1', name: '陈静', follows: [{ userid: 'wangfang', state: 'store-qr', createtime: t0 }] });
  c.addCustomer({ external_userid: 'wm_c2', name: '杨磊', follows: [{ userid: 'lina', createtime: t0 }] });
  c.addCustomer({ external_userid: 'wm_c3', name: '赵敏', follows: [{ userid: 'zhangwei', createtime: t0 }] });
  c.addCustomer({
    external_userid: 'wm_imported',
    name: '老会员',
    follows: [{ userid: 'zhaolei', remark: '老会员', tag_ids: [vip.tag_id], createtime: t0 }],
  });
  c.addGroup({ chat_id: 'wr_g1', name: '徐汇店福利1群', owner: 'wangfang', members: [{ userid: 'wm_c1', type: 2 }] });
  c.addGroup({ chat_id: 'wr_g2', name: '西湖店福利1群', owner: 'zhangwei' });
  c.addGroup({ chat_id: 'wr_open', name: '开业尝鲜群', owner: 'zhaolei', members: [{ userid: 'wm_imported', type: 2 }] });
});

afterAll(async () => {
  const s = server;
  if (s) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await stopWecomTestWorld(w, fake);
});

// ---------- reading Pond ----------
const t = () => w.tenantId;
async function staffIdOf(userid: string): Promise<number> {
  const [row] = await w.deps.db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.tenantId, t()), eq(staff.wecomUserId, userid)));
  if (!row) throw new Error(`Pond has no staff member ${userid}`);
  return row.id;
}
async function tagByName(group: string, name: string) {
  const [row] = await w.deps.db
    .select({ id: tags.id, externalId: tags.externalId })
    .from(tags)
    .innerJoin(tagGroups, and(eq(tagGroups.tenantId, tags.tenantId), eq(tagGroups.id, tags.groupId)))
    .where(and(eq(tags.tenantId, t()), eq(tagGroups.name, group), eq(tags.name, name)));
  return row;
}
const customersWithExt = (ext: string) =>
  w.deps.db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, t()), eq(customers.externalUserId, ext)));
const actions = () => w.deps.db.select().from(outboundActions).where(eq(outboundActions.tenantId, t()));
const addEvents = () =>
  w.deps.db
    .select()
    .from(inboxEvents)
    .where(and(eq(inboxEvents.tenantId, t()), eq(inboxEvents.channel, 'wecom'), eq(inboxEvents.type, ADD_TYPE)));
// The fake's id of a tag by name.
function fakeTagId(group: string, name: string): string {
  const id = fake.control
    .tagGroups()
    .find((g) => g.group_name === group)
    ?.tags.find((x) => x.name === name)?.id;
  if (!id) throw new Error(`the fake has no tag ${group}/${name}`);
  return id;
}

type TLiveCodeBody = {
  id: number;
  state: string | null;
  configId: string | null;
  qrCode: string | null;
  appliedStaff: { staffId: number }[];
  syncError: string | null;
};
type TPage<T> = { items: T[]; total: number };
type TBroadcastBody = { id: number; status: string; audienceCount: number; counts: Record<string, number> };
type TTaskBody = { staffId: number; targets: number; status: string; msgId: string | null };
type TRecipientBody = {
  recipientId: number;
  name: string | null;
  staffId: number | null;
  status: string;
  resultAt: string | null;
};

describe('Pond on the WeCom channel, end to end against the fake WeCom', () => {
  // Shared along the flow, in order.
  let zhaolei = 0;
  let newTag = { pondId: 0, wecomId: '' };
  let code: TLiveCodeBody;
  let scan: Awaited<ReturnType<FakeWecom['control']['scanContactWay']>>;
  let customerId = 0;

  it('1. connects: saves the connection, passes "Test connection", WeCom verifies the callback URL, activates', async () => {
    await connectWecom(w);
    const saved = await json<{ callbackUrl: string; active: boolean }>(
      await w.request('GET', '/api/wecom/connection', { as: 'admin' }),
      200,
    );
    expect(saved.active).toBe(false);
    const report = await json<{ ok: boolean; steps: { step: string; ok: boolean }[] }>(
      await w.request('POST', '/api/wecom/connection/test', { as: 'admin' }),
      200,
    );
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['token', true],
      ['staff_list', true],
      ['staff_detail', true],
      ['app_token', true],
    ]);
    expect(report.ok).toBe(true);

    // The admin pastes the callback URL Pond shows into WeCom; WeCom checks it with a signed echostr.
    const path = new URL(saved.callbackUrl).pathname;
    expect(path).toBe('/api/channels/wecom/acme/callback');
    fake.control.setCallbackTarget({
      url: `${origin}${path}`,
      token: TEST_WECOM_CONNECTION.callbackToken,
      encodingAesKey: TEST_WECOM_CONNECTION.encodingAesKey,
    });
    expect(await fake.control.verifyUrl()).toMatchObject({ ok: true, status: 200 });

    const on = await json<{ active: boolean }>(await w.request('POST', '/api/wecom/connection/activate', { as: 'admin' }), 200);
    expect(on.active).toBe(true);
    expect((await w.deps.channelFor(t())).kind).toBe('wecom');
  });

  it('2. imports the staff, tags, customers and groups WeCom holds, sending nothing', async () => {
    const started = await json<{ id: number }>(
      await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind: 'import' } }),
      202,
    );
    await w.deps.queue.drain();
    const run = await json<{ status: string; error: string | null }>(
      await w.request('GET', `/api/wecom/sync-runs/${started.id}`, { as: 'admin' }),
      200,
    );
    expect(run).toMatchObject({ status: 'done', error: null });

    zhaolei = await staffIdOf('zhaolei');
    const [member] = await w.deps.db.select().from(staff).where(eq(staff.id, zhaolei));
    expect(member).toMatchObject({ name: '赵磊', status: 'active' });
    const imported = await tagByName('会员等级', '新客');
    const vip = await tagByName('会员等级', 'VIP');
    expect(imported?.externalId).toBe(fakeTagId('会员等级', '新客'));
    expect(vip?.externalId).toBe(fakeTagId('会员等级', 'VIP'));
    newTag = { pondId: imported?.id ?? 0, wecomId: imported?.externalId ?? '' };

    const [old] = await customersWithExt('wm_imported');
    expect(old).toMatchObject({ name: '老会员' });
    const oldFollows = await w.deps.db
      .select()
      .from(follows)
      .where(and(eq(follows.tenantId, t()), eq(follows.customerId, old?.id ?? 0)));
    expect(oldFollows).toEqual([expect.objectContaining({ staffId: zhaolei, remark: '老会员', deletedAt: null })]);
    const oldTags = await w.deps.db
      .select({ tagId: customerTags.tagId, source: customerTags.source })
      .from(customerTags)
      .where(and(eq(customerTags.tenantId, t()), eq(customerTags.customerId, old?.id ?? 0)));
    expect(oldTags).toEqual([{ tagId: vip?.id, source: 'wecom' }]);
    const [group] = await w.deps.db
      .select()
      .from(groupChats)
      .where(and(eq(groupChats.tenantId, t()), eq(groupChats.externalChatId, 'wr_open')));
    expect(group).toMatchObject({ name: '开业尝鲜群', ownerStaffId: zhaolei, status: 'active', memberCount: 2 });

    // An import is not a live add: no welcome, no tag marked, nothing in the outbox.
    expect(await actions()).toEqual([]);
    expect(fake.control.welcomeSent()).toEqual([]);
    expect(fake.control.calls('externalcontact/mark_tag')).toBe(0);
  });

  it("3. an operator creates a live code: WeCom now holds a contact way with Pond's state", async () => {
    code = await json<TLiveCodeBody>(
      await w.request('POST', '/api/live-codes', {
        as: 'operator',
        body: {
          name: '开业海报',
          channelName: '开业海报',
          pool: [{ staffId: zhaolei, weight: 1 }],
          tagIds: [newTag.pondId],
          welcome: { text: WELCOME, attachments: [{ type: 'link', title: '{customer_name}的开业礼', url: GIFT_URL }] },
        },
      }),
      201,
    );
    expect(code).toMatchObject({ state: `lc${code.id}`, syncError: null });
    expect(code.appliedStaff.map((s) => s.staffId)).toEqual([zhaolei]);
    const way = fake.state.contactWays.get(code.configId ?? '');
    expect(way).toMatchObject({ type: 1, scene: 2, state: `lc${code.id}`, user: ['zhaolei'], skip_verify: true });
    expect(code.qrCode).toBe(way?.qr_code);
    expect(fake.state.contactWays.size).toBe(1);
  });

  it('4. a customer scans it: WeCom calls back with State and WelcomeCode, Pond answers success', async () => {
    scan = await fake.control.scanContactWay(code.configId ?? '', { name: '林晓', gender: 2 });
    expect(scan).toMatchObject({ userid: 'zhaolei', state: `lc${code.id}` });
    expect(scan.xml).toContain(`<WelcomeCode><![CDATA[${scan.welcome_code}]]></WelcomeCode>`);
    // One delivery, answered `success` at the first attempt (WeCom would retry otherwise).
    expect(scan.deliveries).toHaveLength(1);
    expect(scan.deliveries[0]?.attempts).toEqual([expect.objectContaining({ status: 200, body: 'success' })]);
    // Stored before the answer, processed by the queue.
    expect((await addEvents()).map((e) => e.status)).toEqual(['pending']);
    await w.deps.queue.drain();
    const list = await json<{ items: { type: string; status: string; error: string | null }[] }>(
      await w.request('GET', '/api/wecom/callbacks?limit=20', { as: 'admin' }),
      200,
    );
    expect(list.items.filter((i) => i.type === ADD_TYPE)).toEqual([
      expect.objectContaining({ status: 'processed', error: null }),
    ]);
  });

  it('5. Pond has the customer and the follow, attributed to the code; WeCom got one welcome and one tag mark', async () => {
    const found = await customersWithExt(scan.external_userid);
    expect(found).toHaveLength(1);
    // The callback carries no name: Pond asked WeCom (externalcontact/get).
    expect(found[0]).toMatchObject({ name: '林晓', gender: 2, source: 'wecom' });
    customerId = found[0]?.id ?? 0;
    const follow = await w.deps.db
      .select()
      .from(follows)
      .where(and(eq(follows.tenantId, t()), eq(follows.customerId, customerId)));
    expect(follow).toEqual([expect.objectContaining({ staffId: zhaolei, state: `lc${code.id}`, deletedAt: null, readds: 0 })]);
    const adds = await json<TPage<Record<string, unknown>>>(
      await w.request('GET', `/api/live-codes/${code.id}/adds`, { as: 'operator' }),
      200,
    );
    expect(adds.items).toEqual([
      expect.objectContaining({
        customerId,
        customerName: '林晓',
        staffId: zhaolei,
        staffName: '赵磊',
        channelName: '开业海报',
        readd: null,
      }),
    ]);
    const ownTags = await w.deps.db
      .select({ tagId: customerTags.tagId, source: customerTags.source })
      .from(customerTags)
      .where(and(eq(customerTags.tenantId, t()), eq(customerTags.customerId, customerId)));
    expect(ownTags).toEqual([{ tagId: newTag.pondId, source: 'code' }]);

    // Through the outbox, on the WeCom channel, both sent.
    const sent = (await actions()).map((a) => ({ kind: a.kind, status: a.status, provider: a.provider, error: a.error }));
    expect(sent.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'mark_tags', status: 'sent', provider: 'wecom', error: null },
      { kind: 'welcome', status: 'sent', provider: 'wecom', error: null },
    ]);

    // WeCom's side: one welcome, with this add's welcome code and the code's text filled in.
    expect(fake.control.calls('externalcontact/send_welcome_msg')).toBe(1);
    expect(fake.control.welcomeSent()).toEqual([
      {
        welcome_code: scan.welcome_code,
        userid: 'zhaolei',
        external_userid: scan.external_userid,
        body: {
          welcome_code: scan.welcome_code,
          text: { content: '你好 林晓，我是赵磊，开业新客券已经放进你的账户～' },
          attachments: [{ msgtype: 'link', link: { title: '林晓的开业礼', url: GIFT_URL } }],
        },
      },
    ]);
    // The code's tag marked on the follow in WeCom, once.
    expect(fake.control.calls('externalcontact/mark_tag')).toBe(1);
    expect(fake.state.follows.get(`zhaolei|${scan.external_userid}`)?.tag_ids).toEqual([newTag.wecomId]);
  });

  it("6. a broadcast to the code's tag becomes a mass task in WeCom; after the staff member confirms, Pond pulls the results", async () => {
    const created = await json<TBroadcastBody>(
      await w.request('POST', '/api/broadcasts', {
        as: 'operator',
        body: {
          name: '开业新客关怀',
          audience: { tag: String(newTag.pondId) },
          content: { text: '开业第一周，新客第二杯半价' },
          // No quiet hours: the test runs at any hour.
          quietStart: '00:00',
          quietEnd: '00:00',
        },
      }),
      201,
    );
    const id = created.id;
    const scheduled = await json<TBroadcastBody>(
      await w.request('POST', `/api/broadcasts/${id}/send`, { as: 'operator', body: { when: 'now' } }),
      200,
    );
    expect(scheduled).toMatchObject({ status: 'scheduled', audienceCount: 1 });
    await w.deps.queue.drain();

    // WeCom holds one mass task for the serving staff member, to this customer only, unconfirmed.
    const tasks = [...fake.state.massTasks.values()];
    expect(tasks).toHaveLength(1);
    const task = tasks[0];
    if (!task) throw new Error('no mass task');
    expect(task).toMatchObject({ chat_type: 'single', creator: 'zhaolei', text: { content: '开业第一周，新客第二杯半价' } });
    expect(task.results).toEqual([{ external_userid: scan.external_userid, userid: 'zhaolei', status: 0 }]);
    const [massAction] = (await actions()).filter((a) => a.kind === 'mass_task');
    expect(massAction).toMatchObject({ status: 'sent', provider: 'wecom', externalId: task.msgid });

    const tasksOf = async () =>
      (await json<TPage<TTaskBody>>(await w.request('GET', `/api/broadcasts/${id}/tasks`, { as: 'operator' }), 200)).items;
    const recipientsOf = async () =>
      (await json<TPage<TRecipientBody>>(await w.request('GET', `/api/broadcasts/${id}/recipients`, { as: 'operator' }), 200))
        .items;
    const broadcastOf = () =>
      w.request('GET', `/api/broadcasts/${id}`, { as: 'operator' }).then((r) => json<TBroadcastBody>(r, 200));

    // Polled before the staff member confirms: waiting, the recipient still queued.
    expect(
      await json<{ queued: boolean }>(await w.request('POST', `/api/broadcasts/${id}/results`, { as: 'operator' }), 200),
    ).toEqual({ queued: true });
    await w.deps.queue.drain();
    expect(await tasksOf()).toEqual([
      expect.objectContaining({ staffId: zhaolei, targets: 1, status: 'waiting', msgId: task.msgid }),
    ]);
    expect((await recipientsOf()).map((r) => r.status)).toEqual(['queued']);
    expect((await broadcastOf()).status).toBe('sending');

    // The staff member confirms in the WeCom app (no callback); the results job pulls the outcome.
    fake.control.confirmMassTask(task.msgid, 'zhaolei');
    const pulledBefore = fake.control.calls('externalcontact/get_groupmsg_send_result');
    await w.deps.queue.send(BROADCAST_RESULTS_JOB, { tenantId: t(), broadcastId: id });
    await w.deps.queue.drain();
    expect(fake.control.calls('externalcontact/get_groupmsg_send_result')).toBeGreaterThan(pulledBefore);
    expect(await recipientsOf()).toEqual([
      expect.objectContaining({
        recipientId: customerId,
        name: '林晓',
        staffId: zhaolei,
        status: 'sent',
        resultAt: expect.any(String),
      }),
    ]);
    expect(await tasksOf()).toEqual([expect.objectContaining({ status: 'done', msgId: task.msgid })]);
    expect(await broadcastOf()).toMatchObject({ status: 'sent', counts: { sent: 1 } });
  });

  it('7. the same callback delivered again (WeCom retrying, twice at once) changes nothing', async () => {
    const before = {
      welcomes: fake.control.calls('externalcontact/send_welcome_msg'),
      marks: fake.control.calls('externalcontact/mark_tag'),
      massTasks: fake.state.massTasks.size,
      actions: (await actions()).length,
    };
    const again = await fake.control.deliver(scan.xml, { times: 2 });
    expect(again.map((d) => [d.ok, d.attempts.length, d.attempts[0]?.body])).toEqual([
      [true, 1, 'success'],
      [true, 1, 'success'],
    ]);
    await w.deps.queue.drain();

    expect((await addEvents()).map((e) => e.status)).toEqual(['processed']);
    expect(await customersWithExt(scan.external_userid)).toHaveLength(1);
    const [attributions] = await w.deps.db
      .select({ n: count() })
      .from(liveCodeAttributions)
      .where(and(eq(liveCodeAttributions.tenantId, t()), eq(liveCodeAttributions.codeId, code.id)));
    expect(attributions?.n).toBe(1);
    const [follow] = await w.deps.db
      .select()
      .from(follows)
      .where(and(eq(follows.tenantId, t()), eq(follows.customerId, customerId)));
    expect(follow?.readds).toBe(0);
    expect({
      welcomes: fake.control.calls('externalcontact/send_welcome_msg'),
      marks: fake.control.calls('externalcontact/mark_tag'),
      massTasks: fake.state.massTasks.size,
      actions: (await actions()).length,
    }).toEqual(before);
    expect(fake.control.welcomeSent()).toHaveLength(1);
  });
});
