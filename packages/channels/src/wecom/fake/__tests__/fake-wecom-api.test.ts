import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWecom, startFakeWecom } from '../fake-wecom.ts';
import { call, tokenFor } from './helpers.ts';

let wecom: FakeWecom;
let token: string;

beforeAll(async () => {
  wecom = await startFakeWecom({ tokenTtlSec: 60 });
});
afterAll(async () => {
  await wecom.close();
});
beforeEach(async () => {
  wecom.control.reset();
  wecom.control.setTokenTtl(60);
  token = await tokenFor(wecom.baseUrl, wecom.corpId, wecom.secrets.contact as string);
});

describe('tokens', () => {
  it('issues a token for a known secret and counts gettoken calls', async () => {
    const res = await call(wecom.baseUrl, 'gettoken', {
      query: { corpid: wecom.corpId, corpsecret: wecom.secrets.app as string },
    });
    expect(res).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 60 });
    expect(typeof res.access_token).toBe('string');
    expect(wecom.control.calls('gettoken')).toBe(2);
    expect(wecom.control.calls('/cgi-bin/gettoken')).toBe(2);
  });

  it.each([
    [{ corpid: 'wwother', corpsecret: 'x' }, 40013],
    [{ corpid: 'FAKE', corpsecret: 'wrong' }, 40001],
    [{ corpsecret: 'x' }, 41002],
    [{ corpid: 'FAKE' }, 41004],
  ])('gettoken %j → %i', async (query, errcode) => {
    const q = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === 'FAKE' ? wecom.corpId : v]));
    const res = await call(wecom.baseUrl, 'gettoken', { query: q });
    expect(res.errcode).toBe(errcode);
  });

  it('rejects a missing (41001), invalid (40014) and expired (42001) token', async () => {
    wecom.control.addStaff({ userid: 'zhangsan' });
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list')).errcode).toBe(41001);
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token: 'nope' })).errcode).toBe(40014);
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token })).errcode).toBe(0);
    wecom.control.advance(61_000);
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token })).errcode).toBe(42001);
    const fresh = await tokenFor(wecom.baseUrl, wecom.corpId, wecom.secrets.contact as string);
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token: fresh })).errcode).toBe(0);
    wecom.control.expireTokens();
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token: fresh })).errcode).toBe(42001);
  });

  it('answers an unknown API path with an errcode', async () => {
    const res = await call(wecom.baseUrl, 'externalcontact/no_such_api', { token });
    expect(res.errcode).toBe(48001);
  });
});

describe('customers and groups', () => {
  beforeEach(() => {
    const c = wecom.control;
    c.addStaff({ userid: 'zhangsan', name: '张三' });
    c.addStaff({ userid: 'lisi', name: '李四' });
    c.addStaff({ userid: 'wangwu', followEnabled: false });
    const vip = c.addTag({ group_name: '等级', name: 'VIP' });
    for (let i = 0; i < 130; i++)
      c.addCustomer({
        external_userid: `wm${String(i).padStart(4, '0')}`,
        name: `客户${i}`,
        follows: [
          { userid: i % 2 === 0 ? 'zhangsan' : 'lisi', createtime: 1_700_000_000 + i, tag_ids: i === 0 ? [vip.tag_id] : [] },
        ],
      });
    c.addFollow('wm0000', { userid: 'lisi', remark: 'old friend', state: 'live-1' });
  });

  it('lists follow users and a staff member’s customers', async () => {
    const follow = await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token });
    expect(follow.follow_user).toEqual(['zhangsan', 'lisi']);
    const list = await call(wecom.baseUrl, 'externalcontact/list', { token, query: { userid: 'zhangsan' } });
    expect((list.external_userid as string[]).length).toBe(65);
    expect((await call(wecom.baseUrl, 'externalcontact/list', { token, query: { userid: 'ghost' } })).errcode).toBe(60111);
  });

  it('gets a customer with its follows and tags; unknown → 84061', async () => {
    const res = await call(wecom.baseUrl, 'externalcontact/get', { token, query: { external_userid: 'wm0000' } });
    expect(res.errcode).toBe(0);
    expect(res.external_contact).toMatchObject({ external_userid: 'wm0000', name: '客户0', type: 1 });
    const follows = res.follow_user as { userid: string; tags: { tag_name: string }[]; state?: string }[];
    expect(follows.map((f) => f.userid)).toEqual(['zhangsan', 'lisi']);
    expect(follows[0]?.tags[0]?.tag_name).toBe('VIP');
    expect(follows[1]?.state).toBe('live-1');
    expect((await call(wecom.baseUrl, 'externalcontact/get', { token, query: { external_userid: 'wmnobody' } })).errcode).toBe(
      84061,
    );
  });

  it('pages batch/get_by_user with a cursor, capping limit at 100', async () => {
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const res = await call(wecom.baseUrl, 'externalcontact/batch/get_by_user', {
        token,
        body: { userid_list: ['zhangsan', 'lisi'], cursor, limit: 500 },
      });
      expect(res.errcode).toBe(0);
      const list = res.external_contact_list as {
        external_contact: { external_userid: string };
        follow_info: { userid: string };
      }[];
      expect(list.length).toBeLessThanOrEqual(100);
      for (const item of list) seen.push(`${item.follow_info.userid}|${item.external_contact.external_userid}`);
      cursor = res.next_cursor as string;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(131);
    const tooMany = await call(wecom.baseUrl, 'externalcontact/batch/get_by_user', {
      token,
      body: { userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`) },
    });
    expect(tooMany.errcode).toBe(40058);
  });

  it('lists groups by cursor and status filter, and gets members', async () => {
    const c = wecom.control;
    for (let i = 0; i < 5; i++)
      c.addGroup({ name: `群${i}`, owner: 'zhangsan', members: [{ userid: 'wm0000', type: 2, join_scene: 3 }] });
    c.addGroup({ name: 'resigned', owner: 'lisi', status: 1 });
    const first = await call(wecom.baseUrl, 'externalcontact/groupchat/list', { token, body: { limit: 4 } });
    expect((first.group_chat_list as unknown[]).length).toBe(4);
    const second = await call(wecom.baseUrl, 'externalcontact/groupchat/list', {
      token,
      body: { limit: 4, cursor: first.next_cursor },
    });
    expect((second.group_chat_list as unknown[]).length).toBe(2);
    expect(second.next_cursor).toBe('');
    const resigned = await call(wecom.baseUrl, 'externalcontact/groupchat/list', {
      token,
      body: { limit: 10, status_filter: 1 },
    });
    expect(resigned.group_chat_list).toEqual([{ chat_id: expect.any(String), status: 1 }]);
    expect((await call(wecom.baseUrl, 'externalcontact/groupchat/list', { token, body: {} })).errcode).toBe(40058);
    const chatId = (first.group_chat_list as { chat_id: string }[])[0]?.chat_id;
    const got = await call(wecom.baseUrl, 'externalcontact/groupchat/get', { token, body: { chat_id: chatId, need_name: 1 } });
    const members = (got.group_chat as { member_list: { userid: string; type: number; join_scene: number; name: string }[] })
      .member_list;
    expect(members).toEqual([
      expect.objectContaining({ userid: 'zhangsan', type: 1, name: '张三' }),
      expect.objectContaining({ userid: 'wm0000', type: 2, join_scene: 3 }),
    ]);
  });
});

describe('limits', () => {
  beforeEach(() => {
    wecom.control.addStaff({ userid: 'zhangsan' });
    wecom.control.addStaff({ userid: 'lisi' });
  });

  it('allows at most 5 chats per join way and a state of at most 30 characters', async () => {
    const chats = Array.from({ length: 6 }, (_, i) => wecom.control.addGroup({ name: `g${i}`, owner: 'zhangsan' }).chat_id);
    const ok = await call(wecom.baseUrl, 'externalcontact/groupchat/add_join_way', {
      token,
      body: { scene: 2, chat_id_list: chats.slice(0, 5), state: 'x'.repeat(30) },
    });
    expect(ok.errcode).toBe(0);
    const six = await call(wecom.baseUrl, 'externalcontact/groupchat/add_join_way', {
      token,
      body: { scene: 2, chat_id_list: chats },
    });
    expect(six.errcode).toBe(40058);
    const longState = await call(wecom.baseUrl, 'externalcontact/add_contact_way', {
      token,
      body: { type: 1, scene: 2, user: ['zhangsan'], state: 'x'.repeat(31) },
    });
    expect(longState.errcode).toBe(40058);
  });

  it('transfers at most 100 customers per call and each customer at most twice in 90 days', async () => {
    const c = wecom.control;
    c.addCustomer({ external_userid: 'wmA', name: 'A', follows: [{ userid: 'zhangsan' }] });
    const tooMany = await call(wecom.baseUrl, 'externalcontact/transfer_customer', {
      token,
      body: {
        handover_userid: 'zhangsan',
        takeover_userid: 'lisi',
        external_userid: Array.from({ length: 101 }, (_, i) => `wm${i}`),
      },
    });
    expect(tooMany.errcode).toBe(40058);
    const move = (from: string, to: string) =>
      call(wecom.baseUrl, 'externalcontact/transfer_customer', {
        token,
        body: { handover_userid: from, takeover_userid: to, external_userid: ['wmA'] },
      });
    expect((await move('zhangsan', 'lisi')).customer).toEqual([{ external_userid: 'wmA', errcode: 0 }]);
    c.advance(25 * 3600_000);
    token = await tokenFor(wecom.baseUrl, wecom.corpId, wecom.secrets.contact as string);
    const result = await call(wecom.baseUrl, 'externalcontact/transfer_result', {
      token,
      body: { handover_userid: 'zhangsan', takeover_userid: 'lisi' },
    });
    expect(result.customer).toEqual([expect.objectContaining({ external_userid: 'wmA', status: 1 })]);
    expect(c.state.follows.has('lisi|wmA')).toBe(true);
    expect(c.state.follows.has('zhangsan|wmA')).toBe(false);
    expect((await move('lisi', 'zhangsan')).customer).toEqual([{ external_userid: 'wmA', errcode: 0 }]);
    c.settleTransfers(true);
    expect((await move('zhangsan', 'lisi')).customer).toEqual([{ external_userid: 'wmA', errcode: 40128 }]);
  });

  it('rate-limits per corp with 45009', async () => {
    wecom.control.setRateLimit(3);
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token })).errcode);
    expect(codes).toEqual([0, 0, 0, 45009, 45009]);
    wecom.control.setTokenTtl(7200);
    wecom.control.setRateLimit(null);
    token = await tokenFor(wecom.baseUrl, wecom.corpId, wecom.secrets.contact as string);
    wecom.control.setRateLimit(1);
    wecom.control.advance(61_000);
    expect((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token })).errcode).toBe(0);
  });

  it('lets a robot send 20 messages a minute', async () => {
    const codes = [];
    for (let i = 0; i < 21; i++)
      codes.push(
        (
          await call(wecom.baseUrl, 'webhook/send', {
            query: { key: 'k1' },
            body: { msgtype: 'text', text: { content: `m${i}` } },
          })
        ).errcode,
      );
    expect(codes.slice(0, 20).every((c) => c === 0)).toBe(true);
    expect(codes[20]).toBe(45009);
    expect(wecom.control.robotMessages('k1')).toHaveLength(20);
    const long = await call(wecom.baseUrl, 'webhook/send', {
      query: { key: 'k2' },
      body: { msgtype: 'text', text: { content: 'x'.repeat(2049) } },
    });
    expect(long.errcode).toBe(40058);
  });
});

describe('failure injection', () => {
  beforeEach(() => {
    wecom.control.addStaff({ userid: 'zhangsan' });
  });

  it('fails the next calls with an errcode, then recovers', async () => {
    wecom.control.failNext('externalcontact/get_follow_user_list', { errcode: -1 }, 2);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token })).errcode);
    expect(codes).toEqual([-1, -1, 0]);
  });

  it('answers HTTP 500 when told', async () => {
    wecom.control.failNext('/cgi-bin/externalcontact/list', 'http500');
    const res = await fetch(`${wecom.baseUrl}/externalcontact/list?access_token=${token}&userid=zhangsan`);
    expect(res.status).toBe(500);
  });

  it('never answers a "timeout" call (the client must give up)', async () => {
    wecom.control.failNext('externalcontact/list', 'timeout');
    const started = Date.now();
    await expect(
      fetch(`${wecom.baseUrl}/externalcontact/list?access_token=${token}&userid=zhangsan`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await call(wecom.baseUrl, 'externalcontact/list', { token, query: { userid: 'zhangsan' } })).errcode).toBe(0);
  });

  it('adds latency to every answer', async () => {
    wecom.control.setLatency(150);
    const started = Date.now();
    await call(wecom.baseUrl, 'externalcontact/get_follow_user_list', { token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
