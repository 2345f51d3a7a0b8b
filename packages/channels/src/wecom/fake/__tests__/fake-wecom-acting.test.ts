import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWecom, startFakeWecom } from '../fake-wecom.ts';
import { CALLBACK, call, field, startReceiver, tokenFor } from './helpers.ts';

let wecom: FakeWecom;
let token: string;

beforeAll(async () => {
  wecom = await startFakeWecom({ callbackTimeoutMs: 300, callbackRetryDelayMs: 10 });
});
afterAll(async () => {
  await wecom.close();
});
beforeEach(async () => {
  wecom.control.reset();
  wecom.control.addStaff({ userid: 'zhangsan', name: '张三' });
  wecom.control.addStaff({ userid: 'lisi', name: '李四' });
  token = await tokenFor(wecom.baseUrl, wecom.corpId, wecom.secrets.contact as string);
});

async function contactWay(body: Record<string, unknown>): Promise<string> {
  const res = await call(wecom.baseUrl, 'externalcontact/add_contact_way', { token, body });
  expect(res.errcode).toBe(0);
  return res.config_id as string;
}

describe('a customer scans a contact way', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    receiver = await startReceiver(wecom.corpId);
    wecom.control.setCallbackTarget({ url: receiver.url, ...CALLBACK });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('creates the follow with the state and delivers a signed, encrypted add_external_contact', async () => {
    const configId = await contactWay({ type: 2, scene: 2, user: ['zhangsan', 'lisi'], state: 'poster-7' });
    const first = await wecom.control.scanContactWay(configId, { name: '王小明' });
    const second = await wecom.control.scanContactWay(configId, { name: '赵小红' });
    // The way's staff are picked in turn.
    expect([first.userid, second.userid]).toEqual(['zhangsan', 'lisi']);
    expect(receiver.received).toHaveLength(2);
    const plain = receiver.received[0]?.plain ?? '';
    expect(field(plain, 'ToUserName')).toBe(wecom.corpId);
    expect(field(plain, 'FromUserName')).toBe('sys');
    expect(field(plain, 'MsgType')).toBe('event');
    expect(field(plain, 'Event')).toBe('change_external_contact');
    expect(field(plain, 'ChangeType')).toBe('add_external_contact');
    expect(field(plain, 'UserID')).toBe('zhangsan');
    expect(field(plain, 'ExternalUserID')).toBe(first.external_userid);
    expect(field(plain, 'State')).toBe('poster-7');
    expect(field(plain, 'WelcomeCode')).toBe(first.welcome_code);
    expect(receiver.received[0]?.query.get('msg_signature')).toMatch(/^[0-9a-f]{40}$/);
    const got = await call(wecom.baseUrl, 'externalcontact/get', { token, query: { external_userid: first.external_userid } });
    expect(got.follow_user).toEqual([expect.objectContaining({ userid: 'zhangsan', state: 'poster-7' })]);
  });

  it('accepts a welcome message once, within 20 s of the add', async () => {
    const configId = await contactWay({ type: 1, scene: 2, user: ['zhangsan'] });
    const a = await wecom.control.scanContactWay(configId, { name: 'A' });
    const send = (code: string) =>
      call(wecom.baseUrl, 'externalcontact/send_welcome_msg', {
        token,
        body: { welcome_code: code, text: { content: '欢迎!' } },
      });
    expect((await send(a.welcome_code)).errcode).toBe(0);
    expect((await send(a.welcome_code)).errcode).toBe(41051);
    const b = await wecom.control.scanContactWay(configId, { name: 'B' });
    wecom.control.advance(20_001);
    token = await tokenFor(wecom.baseUrl, wecom.corpId, wecom.secrets.contact as string);
    expect((await send(b.welcome_code)).errcode).toBe(41050);
    expect(wecom.control.welcomeSent()).toEqual([expect.objectContaining({ welcome_code: a.welcome_code, userid: 'zhangsan' })]);
  });

  it('does not send callbacks for API writes', async () => {
    const configId = await contactWay({ type: 1, scene: 2, user: ['zhangsan'] });
    await wecom.control.scanContactWay(configId, { external_userid: 'wmX', name: 'X' });
    const { tag_id } = wecom.control.addTag({ group_name: '等级', name: 'VIP' });
    const marked = await call(wecom.baseUrl, 'externalcontact/mark_tag', {
      token,
      body: { userid: 'zhangsan', external_userid: 'wmX', add_tag: [tag_id] },
    });
    expect(marked.errcode).toBe(0);
    await call(wecom.baseUrl, 'externalcontact/remark', {
      token,
      body: { userid: 'zhangsan', external_userid: 'wmX', remark: 'vip' },
    });
    await wecom.control.idle();
    expect(receiver.received).toHaveLength(1);
  });

  it('sends deletes, group and tag events as documented', async () => {
    wecom.control.addCustomer({ external_userid: 'wmY', name: 'Y', follows: [{ userid: 'zhangsan' }, { userid: 'lisi' }] });
    await wecom.control.customerDeletesStaff('wmY', 'zhangsan');
    await wecom.control.staffDeletesCustomer('lisi', 'wmY');
    const { chat_id } = await wecom.control.createGroup({ owner: 'zhangsan', name: '福利群' });
    const join = await call(wecom.baseUrl, 'externalcontact/groupchat/add_join_way', {
      token,
      body: { scene: 2, chat_id_list: [chat_id], state: 'qr-1' },
    });
    await wecom.control.joinGroupViaJoinWay(join.config_id as string, { external_userid: 'wmZ', name: 'Z' });
    await wecom.control.leaveGroup(chat_id, 'wmZ', 1);
    await wecom.control.dismissGroup(chat_id);
    await wecom.control.adminCreatesTag({ group_name: '兴趣', name: '咖啡' });
    const events = receiver.received.map((r) => [
      field(r.plain, 'Event'),
      field(r.plain, 'ChangeType'),
      field(r.plain, 'UpdateDetail'),
    ]);
    expect(events).toEqual([
      ['change_external_contact', 'del_follow_user', undefined],
      ['change_external_contact', 'del_external_contact', undefined],
      ['change_external_chat', 'create', undefined],
      ['change_external_chat', 'update', 'add_member'],
      ['change_external_chat', 'update', 'del_member'],
      ['change_external_chat', 'dismiss', undefined],
      ['change_external_tag', 'create', undefined],
    ]);
    const joined = receiver.received[3]?.plain ?? '';
    expect(field(joined, 'JoinScene')).toBe('3');
    expect(field(joined, 'MemChangeCnt')).toBe('1');
    expect(joined).toContain('<MemChangeList><Item><![CDATA[wmZ]]></Item></MemChangeList>');
    expect(field(receiver.received[4]?.plain ?? '', 'QuitScene')).toBe('1');
  });

  it('holds events and releases them in reverse order; delivers late and twice', async () => {
    const configId = await contactWay({ type: 1, scene: 2, user: ['zhangsan'] });
    wecom.control.holdCallbacks();
    await wecom.control.scanContactWay(configId, { external_userid: 'wm1', name: '1' });
    await wecom.control.staffDeletesCustomer('zhangsan', 'wm1');
    expect(receiver.received).toHaveLength(0);
    expect(wecom.control.heldCallbacks()).toHaveLength(2);
    await wecom.control.releaseCallbacks('reverse');
    expect(receiver.received.map((r) => field(r.plain, 'ChangeType'))).toEqual(['del_external_contact', 'add_external_contact']);
    const xml = wecom.control.eventXml('change_external_contact', {
      ChangeType: 'del_follow_user',
      UserID: 'zhangsan',
      ExternalUserID: 'wm1',
    });
    const started = Date.now();
    const deliveries = await wecom.control.deliver(xml, { delayMs: 100, times: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(deliveries.every((d) => d.ok)).toBe(true);
    expect(receiver.received.slice(2).map((r) => r.plain)).toEqual([xml, xml]);
  });

  it('checks the URL like WeCom (GET with echostr)', async () => {
    expect((await wecom.control.verifyUrl()).ok).toBe(true);
    wecom.control.setCallbackTarget({ url: receiver.url, token: 'wrong-token', encodingAesKey: CALLBACK.encodingAesKey });
    expect((await wecom.control.verifyUrl()).ok).toBe(false);
  });
});

describe('redelivery', () => {
  it('retries until `success`, up to 3 attempts in all', async () => {
    const receiver = await startReceiver(wecom.corpId, (n) => (n < 3 ? 'busy' : 'success'));
    wecom.control.setCallbackTarget({ url: receiver.url, ...CALLBACK });
    const xml = wecom.control.eventXml('change_external_chat', { ChatId: 'wr1', ChangeType: 'dismiss' });
    const [delivery] = await wecom.control.deliver(xml);
    expect(delivery?.ok).toBe(true);
    expect(delivery?.attempts.map((a) => a.body)).toEqual(['busy', 'busy', 'success']);
    expect(receiver.received).toHaveLength(3);
    await receiver.close();
  });

  it('gives up after 3 attempts when the answer never is `success`', async () => {
    const receiver = await startReceiver(wecom.corpId, () => 'error');
    wecom.control.setCallbackTarget({ url: receiver.url, ...CALLBACK });
    const [delivery] = await wecom.control.deliver(
      wecom.control.eventXml('change_external_chat', { ChatId: 'wr1', ChangeType: 'dismiss' }),
    );
    expect(delivery?.ok).toBe(false);
    expect(receiver.received).toHaveLength(3);
    await receiver.close();
  });
});

describe('staff acting in their app', () => {
  beforeEach(() => {
    wecom.control.addCustomer({ external_userid: 'wmA', name: 'A', follows: [{ userid: 'zhangsan' }] });
    wecom.control.addCustomer({ external_userid: 'wmB', name: 'B', follows: [{ userid: 'zhangsan' }] });
    wecom.control.addCustomer({ external_userid: 'wmC', name: 'C', follows: [{ userid: 'lisi' }] });
  });

  it('sends a mass task only when staff confirm: sent, not a friend, over the limit', async () => {
    wecom.control.setMonthlyMassLimit(1);
    const created = await call(wecom.baseUrl, 'externalcontact/add_msg_template', {
      token,
      body: { chat_type: 'single', external_userid: ['wmA', 'wmB', 'wmC', 'wmNobody'], text: { content: '双十一' } },
    });
    expect(created.errcode).toBe(0);
    expect(created.fail_list).toEqual(['wmNobody']);
    const msgid = created.msgid as string;
    const task = await call(wecom.baseUrl, 'externalcontact/get_groupmsg_task', { token, body: { msgid } });
    expect(task.task_list).toEqual([
      { userid: 'lisi', status: 0 },
      { userid: 'zhangsan', status: 0 },
    ]);
    // wmB already got this month's message; wmA deletes zhangsan before the confirm.
    wecom.control.state.massReceived.set('wmB', [Math.floor(wecom.control.now() / 1000)]);
    await wecom.control.customerDeletesStaff('wmA', 'zhangsan');
    wecom.control.confirmMassTask(msgid, 'zhangsan');
    const result = await call(wecom.baseUrl, 'externalcontact/get_groupmsg_send_result', {
      token,
      body: { msgid, userid: 'zhangsan' },
    });
    expect((result.send_list as { external_userid: string; status: number }[]).map((r) => [r.external_userid, r.status])).toEqual(
      [
        ['wmA', 2],
        ['wmB', 3],
      ],
    );
    const lisi = await call(wecom.baseUrl, 'externalcontact/get_groupmsg_send_result', {
      token,
      body: { msgid, userid: 'lisi' },
    });
    expect(lisi.send_list).toEqual([{ external_userid: 'wmC', userid: 'lisi', status: 0 }]);
    const now = Math.floor(wecom.control.now() / 1000);
    const listed = await call(wecom.baseUrl, 'externalcontact/get_groupmsg_list_v2', {
      token,
      body: { chat_type: 'single', start_time: now - 60, end_time: now + 60 },
    });
    expect(listed.group_msg_list).toEqual([expect.objectContaining({ msgid, text: { content: '双十一' } })]);
  });

  it('runs a moment task asynchronously and records who published', async () => {
    const created = await call(wecom.baseUrl, 'externalcontact/add_moment_task', {
      token,
      body: { text: { content: '新品' }, visible_range: { sender_list: { user_list: ['zhangsan', 'lisi'] } } },
    });
    const jobid = created.jobid as string;
    const poll = () => call(wecom.baseUrl, 'externalcontact/get_moment_task_result', { token, query: { jobid } });
    expect((await poll()).status).toBe(2);
    const done = await poll();
    expect(done.status).toBe(3);
    const momentId = (done.result as { moment_id: string }).moment_id;
    wecom.control.publishMoment(jobid, 'lisi');
    const tasks = await call(wecom.baseUrl, 'externalcontact/get_moment_task', { token, body: { moment_id: momentId } });
    expect(tasks.task_list).toEqual([
      { userid: 'lisi', publish_status: 1 },
      { userid: 'zhangsan', publish_status: 0 },
    ]);
  });
});

describe('out-of-order delivery', () => {
  it('delivers several events shuffled, each exactly once', async () => {
    const receiver = await startReceiver(wecom.corpId);
    wecom.control.setCallbackTarget({ url: receiver.url, ...CALLBACK });
    const xmls = Array.from({ length: 8 }, (_, i) =>
      wecom.control.eventXml('change_external_chat', { ChatId: `wr${i}`, ChangeType: 'dismiss' }),
    );
    const deliveries = await wecom.control.deliver(xmls, { shuffle: true });
    expect(deliveries.every((d) => d.ok)).toBe(true);
    expect(receiver.received.map((r) => r.plain).sort()).toEqual([...xmls].sort());
    await receiver.close();
  });
});
