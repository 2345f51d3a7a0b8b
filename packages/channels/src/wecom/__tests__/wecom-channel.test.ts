import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWecomClient } from '../api/client.ts';
import { clearTokenCache } from '../api/token-cache.ts';
import { type FakeWecom, startFakeWecom } from '../fake/fake-wecom.ts';
import { createWecomChannel, massTaskState } from '../wecom-channel.ts';

// The WeCom channel driven end to end against the fake WeCom server (documented paths, limits and
// error codes), with attachments downloaded from a small local file server.
const T = 1;
let fake: FakeWecom;
let files: Server;
let filesBase = '';
let corpSeq = 0;

beforeAll(async () => {
  files = createServer((req, res) => {
    if (req.url === '/big.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(10 * 1024 * 1024 + 1));
      return;
    }
    res.writeHead(200, { 'content-type': req.url?.endsWith('.mp4') ? 'video/mp4' : 'image/png' });
    res.end(Buffer.from('89504e470d0a1a0a', 'hex'));
  });
  files.listen(0, '127.0.0.1');
  await once(files, 'listening');
  filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});

afterAll(async () => {
  files.closeAllConnections();
  await new Promise<void>((r) => files.close(() => r()));
});

function setup(timeoutMs = 10_000) {
  // Each test gets its own corp id: tokens and queues are cached per corp for the process.
  const client = createWecomClient({
    corpId: fake.corpId,
    secret: fake.secrets.contact ?? '',
    baseUrl: fake.baseUrl,
    retry: { baseMs: 1, capMs: 5, maxTries: 4 },
    timeoutMs,
  });
  const channel = createWecomChannel({
    client,
    tenantId: T,
    world: { groupOwner: async (_t, chatId) => fake.state.groups.get(chatId)?.owner ?? null },
  });
  return { client, channel };
}

beforeEach(async () => {
  clearTokenCache();
  fake = await startFakeWecom({ corpId: `wwchan${process.pid}x${++corpSeq}` });
  fake.control.addStaff({ userid: 'zhangsan', name: '张三' });
  fake.control.addStaff({ userid: 'lisi', name: '李四' });
  return async () => {
    await fake.close();
  };
});

describe('WeCom channel against the fake WeCom', () => {
  it('contact way → customer scans → welcome within 20 s, once', async () => {
    const { channel } = setup();
    const way = await channel.createContactWay({ tenantId: T, state: 'spring-fair', staffUserIds: ['zhangsan'] });
    expect(way.configId).toBeTruthy();
    expect(way.qrCode).toMatch(/^https?:\/\//);
    expect(fake.state.contactWays.get(way.configId)).toMatchObject({
      state: 'spring-fair',
      user: ['zhangsan'],
      type: 1,
      scene: 2,
    });

    const scan = await fake.control.scanContactWay(way.configId, { name: '王芳' });
    expect(scan.userid).toBe('zhangsan');
    fake.control.advance(5_000);
    await channel.sendWelcome({
      tenantId: T,
      welcomeCode: scan.welcome_code,
      content: { text: '欢迎!', attachments: [{ type: 'image', url: `${filesBase}/hello.png` }] },
    });
    const sent = fake.control.welcomeSent();
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('欢迎!');
    expect(JSON.stringify(sent[0])).toContain('media_id');

    await expect(
      channel.sendWelcome({ tenantId: T, welcomeCode: scan.welcome_code, content: { text: 'again', attachments: [] } }),
    ).rejects.toMatchObject({ code: 'WELCOME_CODE_USED', vendorCode: 41051 });

    const late = await fake.control.scanContactWay(way.configId, { name: '赵六' });
    fake.control.advance(21_000);
    await expect(
      channel.sendWelcome({ tenantId: T, welcomeCode: late.welcome_code, content: { text: 'hi', attachments: [] } }),
    ).rejects.toMatchObject({ code: 'WELCOME_CODE_EXPIRED', vendorCode: 41050 });
  });

  it('updates and deletes contact ways; deleting twice succeeds', async () => {
    const { channel } = setup();
    const way = await channel.createContactWay({ tenantId: T, state: 's1', staffUserIds: ['zhangsan', 'lisi'] });
    expect(fake.state.contactWays.get(way.configId)?.type).toBe(2);
    await channel.updateContactWay({ tenantId: T, configId: way.configId, staffUserIds: ['lisi'] });
    expect(fake.state.contactWays.get(way.configId)?.user).toEqual(['lisi']);
    await channel.deleteContactWay({ tenantId: T, configId: way.configId });
    expect(fake.state.contactWays.has(way.configId)).toBe(false);
    await channel.deleteContactWay({ tenantId: T, configId: way.configId });
    await expect(channel.createContactWay({ tenantId: T, state: 'x'.repeat(31), staffUserIds: ['lisi'] })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });

  it('marks tags and sets remarks on a follow, and refuses a customer who is not a friend', async () => {
    const { channel } = setup();
    const vip = fake.control.addTag({ group_name: '等级', name: 'VIP' });
    const old = fake.control.addTag({ group_name: '等级', name: '普通' });
    const customer = fake.control.addCustomer({ name: '王芳', follows: [{ userid: 'zhangsan', tag_ids: [old.tag_id] }] });
    // A rate limit on the way is absorbed by the backoff.
    fake.control.failNext('externalcontact/mark_tag', { errcode: 45009 }, 2);
    await channel.markTags({
      tenantId: T,
      staffUserId: 'zhangsan',
      externalUserId: customer.external_userid,
      addTagIds: [vip.tag_id],
      removeTagIds: [old.tag_id],
    });
    const follow = [...fake.state.follows.values()].find((f) => f.external_userid === customer.external_userid);
    expect(follow?.tag_ids).toEqual([vip.tag_id]);
    await channel.setRemark({ tenantId: T, staffUserId: 'zhangsan', externalUserId: customer.external_userid, remark: '老客户' });
    expect(follow?.remark).toBe('老客户');
    await expect(
      channel.markTags({
        tenantId: T,
        staffUserId: 'lisi',
        externalUserId: customer.external_userid,
        addTagIds: [vip.tag_id],
        removeTagIds: [],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FRIEND' });
  });

  it('mass task to customers: waiting until the staff member confirms, then per-customer results', async () => {
    const { channel } = setup(300);
    const a = fake.control.addCustomer({ name: 'A', follows: [{ userid: 'zhangsan' }] });
    const b = fake.control.addCustomer({ name: 'B', follows: [{ userid: 'zhangsan' }] });
    const { msgId } = await channel.createMassTask({
      tenantId: T,
      chatType: 'single',
      staffUserId: 'zhangsan',
      targets: [a.external_userid, b.external_userid],
      content: { text: '双十一', attachments: [{ type: 'link', title: '活动', url: 'https://shop.example/1111' }] },
    });
    // A read that times out or meets an HTTP 500 is retried.
    fake.control.failNext('externalcontact/get_groupmsg_task', 'timeout');
    fake.control.failNext('externalcontact/get_groupmsg_send_result', 'http500');
    const before = await channel.getMassTaskResult({ tenantId: T, msgId });
    expect(before.state).toBe('waiting');
    expect(fake.control.calls('externalcontact/get_groupmsg_task')).toBe(2);
    expect(fake.control.calls('externalcontact/get_groupmsg_send_result')).toBe(2);
    expect(before.results.every((r) => r.status === 0)).toBe(true);
    // B deletes the staff member before the task is confirmed: WeCom reports status 2 for them.
    await fake.control.customerDeletesStaff(b.external_userid, 'zhangsan');
    fake.control.confirmMassTask(msgId, 'zhangsan');
    const after = await channel.getMassTaskResult({ tenantId: T, msgId });
    expect(after.state).toBe('sent');
    expect(after.results).toEqual(
      expect.arrayContaining([
        { target: a.external_userid, status: 1 },
        { target: b.external_userid, status: 2 },
      ]),
    );
  });

  it('private message is a one-recipient task; group message is sent by the group owner', async () => {
    const { channel } = setup();
    const a = fake.control.addCustomer({ name: 'A', follows: [{ userid: 'zhangsan' }] });
    const send = () =>
      channel.sendPrivateMessage({
        tenantId: T,
        staffUserId: 'zhangsan',
        externalUserId: a.external_userid,
        content: { text: '您好', attachments: [] },
        idempotencyKey: 'pm-1',
      });
    const pm = await send();
    // A repeated key in this process gives the first result without a second task.
    const again = await send();
    expect(again.msgId).toBe(pm.msgId);
    expect(fake.control.calls('externalcontact/add_msg_template')).toBe(1);
    await expect(
      channel.sendPrivateMessage({
        tenantId: T,
        staffUserId: 'lisi',
        externalUserId: a.external_userid,
        content: { text: 'x', attachments: [] },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FRIEND' });

    const group = fake.control.addGroup({ name: '会员群', owner: 'lisi', members: [{ userid: a.external_userid, type: 2 }] });
    const gm = await channel.sendGroupMessage({
      tenantId: T,
      chatId: group.chat_id,
      content: { text: '群公告', attachments: [] },
    });
    fake.control.confirmMassTask(gm.msgId, 'lisi');
    const result = await channel.getMassTaskResult({ tenantId: T, msgId: gm.msgId });
    expect(result).toMatchObject({ state: 'sent', results: [{ target: group.chat_id, status: 1 }] });
    await expect(
      channel.sendGroupMessage({ tenantId: T, chatId: 'wrunknown', content: { text: 'x', attachments: [] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('join ways: ≤ 5 groups, update keeps the state, delete twice succeeds', async () => {
    const { channel } = setup();
    const g1 = fake.control.addGroup({ name: 'G1', owner: 'zhangsan' });
    const g2 = fake.control.addGroup({ name: 'G2', owner: 'zhangsan' });
    const way = await channel.createJoinWay({ tenantId: T, state: 'jw-1', chatIds: [g1.chat_id] });
    expect(way.qrCode).toMatch(/^https?:\/\//);
    await channel.updateJoinWay({ tenantId: T, configId: way.configId, chatIds: [g1.chat_id, g2.chat_id] });
    expect(fake.state.joinWays.get(way.configId)).toMatchObject({ state: 'jw-1', chat_id_list: [g1.chat_id, g2.chat_id] });
    await expect(
      channel.createJoinWay({ tenantId: T, state: 'jw-2', chatIds: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'] }),
    ).rejects.toMatchObject({ code: 'INVALID' });
    await channel.deleteJoinWay({ tenantId: T, configId: way.configId });
    await channel.deleteJoinWay({ tenantId: T, configId: way.configId });
    expect(fake.state.joinWays.has(way.configId)).toBe(false);
  });

  it('moments: job → creating → created, then who has published', async () => {
    const { channel } = setup();
    const { momentId } = await channel.createMomentTask({
      tenantId: T,
      staffUserIds: ['zhangsan', 'lisi'],
      content: { text: '新品上市', attachments: [{ type: 'image', url: `${filesBase}/p1.png` }] },
    });
    expect(momentId).toMatch(/^job:/);
    let result = await channel.getMomentTaskResult({ tenantId: T, momentId });
    for (let i = 0; i < 5 && result.state === 'creating'; i++)
      result = await channel.getMomentTaskResult({ tenantId: T, momentId });
    expect(result.state).toBe('created');
    expect(result.staff).toEqual(
      expect.arrayContaining([
        { userId: 'zhangsan', published: false },
        { userId: 'lisi', published: false },
      ]),
    );
    fake.control.publishMoment(momentId.slice('job:'.length), 'lisi');
    result = await channel.getMomentTaskResult({ tenantId: T, momentId });
    expect(result.staff).toEqual(expect.arrayContaining([{ userId: 'lisi', published: true }]));
    await expect(
      channel.createMomentTask({
        tenantId: T,
        staffUserIds: ['zhangsan'],
        content: { attachments: [{ type: 'image', url: `${filesBase}/big.png` }] },
      }),
    ).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('10 MB') });
  });

  it('survives expired tokens, and refuses what WeCom cannot do', async () => {
    const { channel } = setup();
    const c = fake.control.addCustomer({ name: 'A', follows: [{ userid: 'zhangsan' }] });
    await channel.setRemark({ tenantId: T, staffUserId: 'zhangsan', externalUserId: c.external_userid, remark: 'a' });
    fake.control.expireTokens();
    await channel.setRemark({ tenantId: T, staffUserId: 'zhangsan', externalUserId: c.external_userid, remark: 'b' });
    expect(fake.control.calls('gettoken')).toBe(2);
    await expect(
      channel.createGroup({ tenantId: T, name: 'x', ownerUserId: 'zhangsan', memberUserIds: [] }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('WeCom app'),
    });
    await expect(channel.updateGroup({ tenantId: T, chatId: 'wr1', name: 'y' })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(
      channel.setRemark({ tenantId: 2, staffUserId: 'zhangsan', externalUserId: c.external_userid, remark: 'c' }),
    ).rejects.toMatchObject({ code: 'INVALID' });
  });
});

describe('massTaskState', () => {
  it.each([
    [[], 'waiting'],
    [[{ status: 0 }], 'waiting'],
    [[{ status: 2 }, { status: 0 }], 'waiting'],
    [[{ status: 2 }], 'sent'],
    [[{ status: 2 }, { status: 2 }], 'sent'],
  ] as const)('%j → %s', (tasks, state) => {
    expect(massTaskState(tasks)).toBe(state);
  });
});
