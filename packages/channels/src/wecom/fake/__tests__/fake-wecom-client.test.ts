import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWecomClient, type WecomClient } from '../../api/client.ts';
import { type FakeWecom, startFakeWecom } from '../fake-wecom.ts';

/**
 * The API client (helper B's) against the fake: every answer of the fake must pass the client's
 * zod schemas of WeCom's documented responses, so the two agree on the shapes.
 */

let wecom: FakeWecom;
let client: WecomClient;
let n = 0;

beforeAll(async () => {
  wecom = await startFakeWecom();
});
afterAll(async () => {
  await wecom.close();
});
beforeEach(() => {
  wecom.control.reset();
  // Fresh customer and group ids per test.
  n += 1;
  client = createWecomClient({ corpId: wecom.corpId, secret: wecom.secrets.contact as string, baseUrl: wecom.baseUrl });
  const c = wecom.control;
  c.addStaff({ userid: 'zhangsan', name: '张三' });
  c.addStaff({ userid: 'lisi', name: '李四' });
  const vip = c.addTag({ group_name: '等级', name: 'VIP' });
  c.addCustomer({ external_userid: `wmA${n}`, name: 'A', follows: [{ userid: 'zhangsan', tag_ids: [vip.tag_id], state: 's1' }] });
  c.addCustomer({ external_userid: `wmB${n}`, name: 'B', follows: [{ userid: 'lisi' }] });
  c.addGroup({ chat_id: `wr${n}`, name: '群', owner: 'zhangsan', members: [{ userid: `wmA${n}`, type: 2, join_scene: 3 }] });
});

describe('the API client against the fake', () => {
  it('reads staff, customers, tags and groups', async () => {
    expect((await client.user.get({ userid: 'zhangsan' })).name).toBe('张三');
    expect((await client.externalcontact.getFollowUserList()).follow_user).toEqual(['zhangsan', 'lisi']);
    expect((await client.externalcontact.list({ userid: 'zhangsan' })).external_userid).toEqual([`wmA${n}`]);
    const got = await client.externalcontact.get({ external_userid: `wmA${n}` });
    expect(got.follow_user[0]).toMatchObject({ userid: 'zhangsan', state: 's1' });
    const batch = await client.externalcontact.batchGetByUser({ userid_list: ['zhangsan', 'lisi'], limit: 100 });
    expect(batch.external_contact_list).toHaveLength(2);
    const tags = await client.externalcontact.getCorpTagList({});
    expect(tags.tag_group[0]?.tag[0]?.name).toBe('VIP');
    const groups = await client.externalcontact.groupchat.list({ limit: 100 });
    expect(groups.group_chat_list).toEqual([{ chat_id: `wr${n}`, status: 0 }]);
    const group = await client.externalcontact.groupchat.get({ chat_id: `wr${n}`, need_name: 1 });
    expect(group.group_chat.member_list).toHaveLength(2);
    expect(wecom.control.calls('gettoken')).toBe(1);
  });

  it('writes tags, remarks, contact and join ways, welcome messages', async () => {
    const added = await client.externalcontact.addCorpTag({ group_name: '兴趣', tag: [{ name: '咖啡' }] });
    const tagId = added.tag_group.tag[0]?.id as string;
    await client.externalcontact.editCorpTag({ id: tagId, name: '茶' });
    await client.externalcontact.markTag({ userid: 'zhangsan', external_userid: `wmA${n}`, add_tag: [tagId] });
    await client.externalcontact.remark({ userid: 'zhangsan', external_userid: `wmA${n}`, remark: 'vip' });
    await client.externalcontact.delCorpTag({ tag_id: [tagId] });
    const way = await client.externalcontact.addContactWay({ type: 1, scene: 2, user: ['zhangsan'], state: 'poster' });
    const fetched = await client.externalcontact.getContactWay({ config_id: way.config_id });
    expect(fetched.contact_way.state).toBe('poster');
    await client.externalcontact.updateContactWay({ config_id: way.config_id, remark: 'r' });
    const scan = await wecom.control.scanContactWay(way.config_id, { name: 'C' });
    await client.externalcontact.sendWelcomeMsg({ welcome_code: scan.welcome_code, text: { content: '欢迎' } });
    await client.externalcontact.delContactWay({ config_id: way.config_id });
    const join = await client.externalcontact.groupchat.addJoinWay({ scene: 2, chat_id_list: [`wr${n}`], state: 'j' });
    expect((await client.externalcontact.groupchat.getJoinWay({ config_id: join.config_id })).join_way.chat_id_list).toEqual([
      `wr${n}`,
    ]);
    await client.externalcontact.groupchat.updateJoinWay({ config_id: join.config_id, scene: 2, chat_id_list: [`wr${n}`] });
    await client.externalcontact.groupchat.delJoinWay({ config_id: join.config_id });
    expect(wecom.control.welcomeSent()).toHaveLength(1);
  });

  it('runs mass sends, moments, transfers, statistics and tickets', async () => {
    const task = await client.externalcontact.addMsgTemplate({
      chat_type: 'single',
      external_userid: [`wmA${n}`],
      text: { content: 'hi' },
    });
    wecom.control.confirmMassTask(task.msgid, 'zhangsan');
    const now = Math.floor(Date.now() / 1000);
    const list = await client.externalcontact.getGroupmsgListV2({
      chat_type: 'single',
      start_time: now - 60,
      end_time: now + 60,
    });
    expect(list.group_msg_list).toHaveLength(1);
    expect((await client.externalcontact.getGroupmsgTask({ msgid: task.msgid })).task_list[0]?.status).toBe(2);
    const sent = await client.externalcontact.getGroupmsgSendResult({ msgid: task.msgid, userid: 'zhangsan' });
    expect(sent.send_list[0]?.status).toBe(1);
    const moment = await client.externalcontact.addMomentTask({ text: { content: 'new' } });
    await client.externalcontact.getMomentTaskResult({ jobid: moment.jobid });
    const done = await client.externalcontact.getMomentTaskResult({ jobid: moment.jobid });
    expect(done.status).toBe(3);
    const transfer = await client.externalcontact.transferCustomer({
      handover_userid: 'zhangsan',
      takeover_userid: 'lisi',
      external_userid: [`wmA${n}`],
    });
    expect(transfer.customer[0]?.errcode).toBe(0);
    const result = await client.externalcontact.transferResult({ handover_userid: 'zhangsan', takeover_userid: 'lisi' });
    expect(result.customer[0]?.status).toBe(2);
    const day = now - (now % 86400);
    const behavior = await client.externalcontact.getUserBehaviorData({
      userid: ['zhangsan'],
      start_time: day - 86400,
      end_time: day,
    });
    expect(behavior.behavior_data).toHaveLength(2);
    const stat = await client.externalcontact.groupchat.statistic({
      day_begin_time: day,
      owner_filter: { userid_list: ['zhangsan'] },
    });
    expect(stat.items[0]?.owner).toBe('zhangsan');
    expect((await client.getJsapiTicket()).ticket.length).toBeGreaterThan(10);
    expect((await client.getAgentConfigTicket()).ticket.length).toBeGreaterThan(10);
    const media = await client.media.upload({ type: 'image', bytes: new Uint8Array([1, 2, 3]), filename: 'a.png' });
    expect(wecom.control.state.media.has(media.media_id)).toBe(true);
  });
});
